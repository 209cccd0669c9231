using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>caseloads.csv</c> (optional): which pupils each progress mentor mentors, one row per mentor and pupil.</summary>
/// <remarks>
/// The staff id keeps <see cref="RecordId"/>'s rule and, when the export carries staff.csv, must be a member of staff
/// with the ProgressMentor role there (otherwise the row is refused, so no digest goes to someone who is not a
/// mentor). A row repeating another row's mentor and pupil is a warning; the pair is kept once.
/// </remarks>
public static class CaseloadsCsv
{
    public const string FileName = "caseloads.csv";

    public static readonly CsvColumn StaffId = new("Staff ID", true, "Mentor", "Mentor ID", "Mentor Staff ID", "Staff Code");
    public static readonly CsvColumn Upn = new("UPN", true, "Pupil UPN", "Mentee UPN", "Unique Pupil Number");

    public static IReadOnlyList<CsvColumn> Columns { get; } = [StaffId, Upn];

    /// <param name="text">The file.</param>
    /// <param name="pupils">The export's pupils.</param>
    /// <param name="mentors">The staff ids staff.csv gives the ProgressMentor role, or null when the export has no staff.csv.</param>
    /// <param name="issues">Where problems go.</param>
    /// <param name="file">The file name for problems.</param>
    public static List<Mentee> Read(TextReader text, PupilIndex pupils, IReadOnlySet<string>? mentors, ICollection<ImportIssue> issues, string file = FileName)
    {
        var mentees = new List<Mentee>();
        var first = new Dictionary<Mentee, int>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var staffId = row.Required(StaffId);
            if (staffId.Length > 0 && RecordId.Check(staffId, "Staff ID") is { } badId)
            {
                row.Error(StaffId, staffId, badId);
            }
            else if (staffId.Length > 0 && mentors is not null && !mentors.Contains(staffId))
            {
                row.Error(StaffId, staffId, $"staff {staffId} is not a progress mentor in staff.csv (role ProgressMentor)");
            }

            var pupilId = row.Pupil(Upn, pupils);
            if (row.HasErrors)
            {
                return;
            }

            var mentee = new Mentee(staffId, pupilId);
            if (first.TryGetValue(mentee, out var line))
            {
                row.Warning(Upn, row.Get(Upn), $"repeats line {line}: the pupil is on this mentor's caseload once");
                return;
            }

            first[mentee] = row.Line;
            mentees.Add(mentee);
        });
        return mentees;
    }
}
