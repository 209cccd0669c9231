using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>interventions.csv</c> (optional): one row per intervention a pupil is on.</summary>
/// <remarks>
/// An end date before the start, a staff id outside <see cref="RecordId"/>'s rule, or a notes id longer than 64
/// characters or holding a control character is an error of its row. A row repeating another row's pupil, type and
/// start date is refused, naming the row it repeats: the first one stands.
/// </remarks>
public static class InterventionsCsv
{
    public const string FileName = "interventions.csv";

    public const int MaxNotesIdLength = 64;

    public static readonly CsvColumn Upn = new("UPN", true, "Pupil UPN", "Unique Pupil Number");
    public static readonly CsvColumn Type = new("Type", true, "Intervention", "Intervention Type", "Programme", "Provision") { Repeats = true };
    public static readonly CsvColumn Start = new("Start", true, "Start Date", "Date Started", "From");
    public static readonly CsvColumn End = new("End", false, "End Date", "Date Ended", "To");
    public static readonly CsvColumn Staff = new("Staff", false, "Staff ID", "Staff Code", "Lead", "Delivered By");
    public static readonly CsvColumn NotesId = new("Notes ID", false, "Notes Id", "Note ID", "Notes Reference", "Note Reference");

    public static IReadOnlyList<CsvColumn> Columns { get; } = [Upn, Type, Start, End, Staff, NotesId];

    public static List<Intervention> Read(TextReader text, PupilIndex pupils, ICollection<ImportIssue> issues, string file = FileName)
    {
        var interventions = new List<Intervention>();
        var first = new Dictionary<(string, string, DateOnly), int>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var pupilId = row.Pupil(Upn, pupils);
            var type = row.Name(Type);
            var start = row.Date(Start, required: true);
            var end = row.Date(End);
            if (start is { } s && end is { } e && e < s)
            {
                row.Error(End, row.Get(End), $"the intervention ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})");
            }

            var staff = row.GetOrNull(Staff);
            if (staff is not null && RecordId.Check(staff, "Staff ID") is { } badStaff)
            {
                row.Error(Staff, staff, badStaff);
            }

            var notes = row.GetOrNull(NotesId);
            if (notes is not null && (notes.Length > MaxNotesIdLength || notes.Any(char.IsControl)))
            {
                row.Error(NotesId, notes, $"a notes id is at most {MaxNotesIdLength} characters, with no tab or line break");
            }

            if (row.HasErrors)
            {
                return;
            }

            var key = (pupilId, type.ToUpperInvariant(), start!.Value);
            if (first.TryGetValue(key, out var line))
            {
                row.Error(Start, row.Get(Start), $"repeats line {line} (same pupil, intervention and start date): only line {line} is imported");
                return;
            }

            first[key] = row.Line;
            interventions.Add(new Intervention { PupilId = pupilId, Type = type, Start = start.Value, End = end, StaffId = staff, NotesId = notes });
        });
        return interventions;
    }
}
