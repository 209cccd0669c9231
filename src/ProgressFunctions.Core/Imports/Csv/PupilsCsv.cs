using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>pupils.csv</c>: one row per pupil on roll (or recently left).</summary>
public static class PupilsCsv
{
    public const string FileName = "pupils.csv";

    public static readonly CsvColumn Upn = new("UPN", true, "Unique Pupil Number", "Pupil UPN");
    public static readonly CsvColumn PupilId = new("Pupil ID", false, "MIS ID", "Student ID", "Admission Number", "Adno");
    public static readonly CsvColumn LegalSurname = new("Legal Surname", true, "Surname", "Last Name", "Family Name");
    public static readonly CsvColumn LegalForename = new("Legal Forename", true, "Forename", "First Name", "Given Name");
    public static readonly CsvColumn PreferredForename = new("Preferred Forename", false, "Preferred Name", "Known As", "Chosen Forename");
    public static readonly CsvColumn DateOfBirth = new("Date of Birth", false, "DOB", "Birth Date");
    public static readonly CsvColumn Gender = new("Gender", false, "Sex");
    public static readonly CsvColumn Year = new("Year", false, "Year Group", "NC Year", "NC Year Actual", "Curriculum Year");
    public static readonly CsvColumn RegGroup = new("Reg Group", false, "Registration Group", "Form", "Tutor Group", "Class");
    public static readonly CsvColumn Sen = new("SEN", false, "SEN Status", "SEN Provision");
    public static readonly CsvColumn Fsm = new("FSM", false, "Free School Meals", "FSM Eligible");
    public static readonly CsvColumn PupilPremium = new("Pupil Premium", false, "PP");
    public static readonly CsvColumn Eal = new("EAL", false, "English Additional Language");
    public static readonly CsvColumn LookedAfter = new("Looked After", false, "LAC", "CLA", "In Care");
    public static readonly CsvColumn AdmissionDate = new("Admission Date", false, "Date of Admission", "Entry Date");
    public static readonly CsvColumn LeavingDate = new("Leaving Date", false, "Date of Leaving", "Leave Date");

    public static IReadOnlyList<CsvColumn> Columns { get; } =
        [Upn, PupilId, LegalSurname, LegalForename, PreferredForename, DateOfBirth, Gender, Year, RegGroup, Sen, Fsm, PupilPremium, Eal, LookedAfter, AdmissionDate, LeavingDate];

    public static List<Pupil> Read(TextReader text, ICollection<ImportIssue> issues, string file = FileName)
    {
        var pupils = new List<Pupil>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var upn = row.Required(Upn).ToUpperInvariant();
            if (upn.Length > 0 && Imports.Upn.Check(upn) is { } reason)
            {
                row.Error(Upn, upn, reason);
            }
            else if (upn.Length > 0 && !seen.Add(upn))
            {
                row.Error(Upn, upn, "duplicate UPN: another row already has it");
            }

            var pupil = new Pupil
            {
                Id = row.GetOrNull(PupilId) ?? RecordIds.PupilFromUpn(upn),
                Upn = upn,
                LegalSurname = row.Required(LegalSurname),
                LegalForename = row.Required(LegalForename),
                PreferredForename = row.GetOrNull(PreferredForename),
                DateOfBirth = row.Date(DateOfBirth) ?? default,
                Gender = row.Get(Gender),
                YearGroup = YearGroup(row),
                RegistrationGroup = row.Get(RegGroup),
                Sen = SenOf(row),
                FreeSchoolMeals = row.Bool(Fsm),
                PupilPremium = row.Bool(PupilPremium),
                EnglishAdditionalLanguage = row.Bool(Eal),
                LookedAfter = row.Bool(LookedAfter),
                AdmissionDate = row.Date(AdmissionDate),
                LeavingDate = row.Date(LeavingDate),
            };
            if (!row.HasErrors)
            {
                pupils.Add(pupil);
            }
        });
        return pupils;
    }

    /// <summary>"7", "Y7", "Year 7"; "R" or "Reception" is 0, "N1"/"N2" nursery are -2/-1.</summary>
    private static int YearGroup(CsvRow row)
    {
        var text = row.Get(Year);
        var span = text.AsSpan().Trim();
        if (span.StartsWith("Year", StringComparison.OrdinalIgnoreCase))
        {
            span = span[4..].Trim();
        }
        else if (span.StartsWith('Y') || span.StartsWith('y'))
        {
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return 0;
        }

        if (span.Equals("R", StringComparison.OrdinalIgnoreCase) || span.Equals("Reception", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (span.Equals("N1", StringComparison.OrdinalIgnoreCase) || span.Equals("N2", StringComparison.OrdinalIgnoreCase))
        {
            return span[1] == '1' ? -2 : -1;
        }

        if (FieldParse.TryInt(span, out var year) && year is >= -2 and <= 14)
        {
            return year;
        }

        row.Error(Year, text, $"'{text}' is not a year group (R, 1-14, or 'Year 7')");
        return 0;
    }

    /// <summary>Census codes N/K/E or words none/support/EHCP.</summary>
    private static SenStatus SenOf(CsvRow row)
    {
        var text = row.Get(Sen);
        switch (text.ToUpperInvariant())
        {
            case "" or "N" or "NONE" or "NO":
                return SenStatus.None;
            case "K" or "SUPPORT" or "SEN SUPPORT":
                return SenStatus.Support;
            case "E" or "S" or "EHCP" or "EHC PLAN" or "STATEMENT":
                return SenStatus.Ehcp;
            default:
                row.Error(Sen, text, $"'{text}' is not an SEN status (N, K or E)");
                return SenStatus.None;
        }
    }
}
