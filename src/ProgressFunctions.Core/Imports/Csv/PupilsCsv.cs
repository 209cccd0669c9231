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
    public static readonly CsvColumn PreferredForename = new("Preferred Forename", false, "Preferred Name", "Known As", "Chosen Forename") { WhenAbsent = Kept("preferred forename", "none") };
    public static readonly CsvColumn DateOfBirth = new("Date of Birth", false, "DOB", "Birth Date") { WhenAbsent = Kept("date of birth", "none") };
    public static readonly CsvColumn Gender = new("Gender", false, "Sex") { Repeats = true, WhenAbsent = Kept("gender", "none") };
    public static readonly CsvColumn Year = new("Year", true, "Year Group", "NC Year", "NC Year Actual", "Curriculum Year")
    {
        WhyRequired = "a pupil without a year group cannot be routed to their year leader",
    };
    public static readonly CsvColumn RegGroup = new("Reg Group", false, "Registration Group", "Form", "Tutor Group", "Class") { Repeats = true, WhenAbsent = Kept("registration group", "none") };
    public static readonly CsvColumn Sen = new("SEN", false, "SEN Status", "SEN Provision") { WhenAbsent = Kept("SEN status", "none") };
    public static readonly CsvColumn Fsm = new("FSM", false, "Free School Meals", "FSM Eligible") { WhenAbsent = Kept("free school meals eligibility", "not eligible") };
    public static readonly CsvColumn PupilPremium = new("Pupil Premium", false, "PP") { WhenAbsent = Kept("pupil premium eligibility", "not eligible") };
    public static readonly CsvColumn Eal = new("EAL", false, "English Additional Language") { WhenAbsent = Kept("English as an additional language status", "no") };
    public static readonly CsvColumn LookedAfter = new("Looked After", false, "LAC", "CLA", "In Care") { WhenAbsent = Kept("looked-after status", "not looked after") };
    public static readonly CsvColumn AdmissionDate = new("Admission Date", false, "Date of Admission", "Entry Date") { WhenAbsent = Kept("admission date", "none") };
    public static readonly CsvColumn LeavingDate = new("Leaving Date", false, "Date of Leaving", "Leave Date") { WhenAbsent = Kept("leaving date", "no leaving date") };

    public static IReadOnlyList<CsvColumn> Columns { get; } =
        [Upn, PupilId, LegalSurname, LegalForename, PreferredForename, DateOfBirth, Gender, Year, RegGroup, Sen, Fsm, PupilPremium, Eal, LookedAfter, AdmissionDate, LeavingDate];

    private static KeptWhenAbsent Kept(string field, string forNew) => new("pupil", field, forNew);

    /// <summary>Reads the pupils, refusing every row whose id or UPN another row also has; <c>Absent</c> is the optional columns the header lacks.</summary>
    /// <remarks>
    /// Two rows with one Pupil ID (or one UPN) cannot both be right, and either could be the one that contacts,
    /// marks and results refer to: so neither is imported, each error names the other row, and the rows that depend
    /// on them are refused through the returned <see cref="PupilIndex"/>. Ids keep <see cref="RecordId"/>'s rule.
    /// </remarks>
    public static (List<Pupil> Pupils, PupilIndex Index, IReadOnlySet<CsvColumn> Absent) Read(TextReader text, ICollection<ImportIssue> issues, string file = FileName)
    {
        var rows = new List<PupilRow>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var upn = row.Required(Upn).ToUpperInvariant();
            if (upn.Length > 0 && Imports.Upn.Check(upn) is { } reason)
            {
                row.Error(Upn, upn, reason);
            }

            if (row.Has(PupilId) && RecordId.Check(row.Get(PupilId), "Pupil ID") is { } badId)
            {
                row.Error(PupilId, row.Get(PupilId), badId);
            }

            var pupil = new Pupil
            {
                Id = row.GetOrNull(PupilId) ?? (upn.Length > 0 ? RecordIds.PupilFromUpn(upn) : ""),
                Upn = upn,
                LegalSurname = row.Name(LegalSurname),
                LegalForename = row.Name(LegalForename),
                PreferredForename = row.Name(PreferredForename, required: false) is { Length: > 0 } preferred ? preferred : null,
                DateOfBirth = row.Date(DateOfBirth),
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
            rows.Add(new PupilRow(pupil, row.Line, row.HasErrors));
        }, out var absent);

        // A row repeated exactly (pasted twice, an MIS report run into the file twice) says one thing twice: read once.
        var repeats = rows.Where(r => !r.HasErrors).GroupBy(r => r.Pupil).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(r => (r.Line, First: g.First().Line, r.Pupil.Upn))).ToList();
        foreach (var (line, first, upn) in repeats)
        {
            issues.Add(ImportIssue.Warning(file, line, Upn.Name, upn, $"line {line} repeats line {first} exactly: the pupil is imported once"));
        }

        rows.RemoveAll(r => repeats.Any(x => x.Line == r.Line));

        // Ids that differ only in letter case clash: a pupil's report is a file named by their id, and on Windows and
        // macOS two such names are one file, where one child's report would replace another's.
        var clashing = Clashes(rows, r => r.Pupil.Id, StringComparer.OrdinalIgnoreCase, PupilId.Name, "Pupil ID", file, issues)
            .Union(Clashes(rows, r => r.Pupil.Upn, StringComparer.OrdinalIgnoreCase, Upn.Name, "UPN", file, issues))
            .ToHashSet();
        var index = new PupilIndex();
        var pupils = new List<Pupil>(rows.Count);
        foreach (var r in rows)
        {
            if (r.HasErrors || clashing.Contains(r.Line))
            {
                index.Refuse(r.Pupil.Upn, r.HasErrors ? $"its row {file}:{r.Line} has errors" : $"{file}:{r.Line} shares its Pupil ID or UPN with another row");
            }
            else
            {
                pupils.Add(r.Pupil);
                index.Accept(r.Pupil.Upn, r.Pupil.Id, new RowRef(file, r.Line));
            }
        }

        return (pupils, index, absent);
    }

    private sealed record PupilRow(Pupil Pupil, int Line, bool HasErrors);

    /// <summary>Reports every row whose key another row also has, naming the first other row; returns their lines.</summary>
    private static IEnumerable<int> Clashes(List<PupilRow> rows, Func<PupilRow, string> key, StringComparer comparer, string column, string what, string file, ICollection<ImportIssue> issues)
    {
        // Rows that share a UPN share a derived id too: that clash is reported once, as the UPN's.
        foreach (var group in rows.Where(r => key(r).Length > 0).GroupBy(key, comparer)
                     .Where(g => g.Count() > 1 && (what == "UPN" || g.Select(r => r.Pupil.Upn).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)))
        {
            foreach (var r in group)
            {
                var other = group.First(o => o.Line != r.Line);
                var caseOnly = !string.Equals(key(other), key(r), StringComparison.Ordinal) ? $" (as {key(other)}: letter case does not tell pupils apart)" : "";
                issues.Add(ImportIssue.Error(file, r.Line, column, key(r),
                    $"{what} {key(r)} is also used on line {other.Line}{caseOnly}: neither row is imported, nor the rows that refer to them"));
                yield return r.Line;
            }
        }
    }

    /// <summary>"7", "Y7", "Year 7"; "R" or "Reception" is 0, "N1"/"N2" nursery are -2/-1; anything else, an empty cell too, refuses the row.</summary>
    private static int YearGroup(CsvRow row)
    {
        var text = row.Get(Year);
        if (text.Length == 0)
        {
            row.Error(Year, "", $"'{Year.Name}' is empty: {Year.WhyRequired}");
            return 0;
        }

        var span = text.AsSpan().Trim();
        if (span.StartsWith("Year", StringComparison.OrdinalIgnoreCase))
        {
            span = span[4..].Trim();
        }
        else if (span.StartsWith('Y') || span.StartsWith('y'))
        {
            span = span[1..];
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
