using System.Globalization;
using nietras.SeparatedValues;
using ProgressFunctions.Core.Tests.Imports;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Synthetic;

/// <summary>One row of attendance.csv.</summary>
internal sealed record MarkRow(string Upn, DateOnly Date, string Session, string Code, int? MinutesLate);

/// <summary>One row of assessments.csv.</summary>
internal sealed record ResultRow(string Upn, string Subject, string Point, DateOnly Date, string Scale, string Grade);

/// <summary>
/// A generated school's export read back apart from the product, for checking the generator without its own readers
/// and attendance functions: the CSV files read with Sep, and the DfE code categories written out here.
/// </summary>
internal sealed class ExportRows
{
    private ExportRows(Dictionary<string, int> yearGroups, List<MarkRow> marks, List<ResultRow> results)
    {
        YearGroups = yearGroups;
        Marks = marks;
        Results = results;
    }

    /// <summary>Year group by UPN, from pupils.csv.</summary>
    public IReadOnlyDictionary<string, int> YearGroups { get; }

    public IReadOnlyList<MarkRow> Marks { get; }

    public IReadOnlyList<ResultRow> Results { get; }

    public static ExportRows Of(SyntheticSchool school)
    {
        var files = TestFiles.Write(school);
        var years = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var pupils = Read(files["pupils.csv"]))
        {
            foreach (var row in pupils)
            {
                years[row["UPN"].ToString()] = row["Year"].Parse<int>();
            }
        }

        var marks = new List<MarkRow>();
        using (var attendance = Read(files["attendance.csv"]))
        {
            foreach (var row in attendance)
            {
                var minutes = row["Minutes Late"].ToString();
                marks.Add(new MarkRow(row["UPN"].ToString(), Date(row["Date"].ToString()), row["Session"].ToString(), row["Mark"].ToString(),
                    minutes.Length == 0 ? null : int.Parse(minutes, CultureInfo.InvariantCulture)));
            }
        }

        var results = new List<ResultRow>();
        using (var assessments = Read(files["assessments.csv"]))
        {
            foreach (var row in assessments)
            {
                results.Add(new ResultRow(row["UPN"].ToString(), row["Subject"].ToString(), row["Point"].ToString(), Date(row["Date"].ToString()),
                    row["Scale"].ToString(), row["Grade"].ToString()));
            }
        }

        return new ExportRows(years, marks, results);
    }

    /// <summary>The statistical category of a code (DfE, from 19 August 2024), written out independently of Core.</summary>
    public static string Category(string code) => code switch
    {
        "/" or "\\" or "L" => "present",
        "K" or "V" or "P" or "W" or "B" => "approved",
        "C" or "C1" or "C2" or "M" or "J1" or "S" or "T" or "R" or "I" or "E" => "authorised",
        "G" or "N" or "O" or "U" => "unauthorised",
        _ => "not possible",
    };

    public static bool IsAbsence(string code) => Category(code) is "authorised" or "unauthorised";

    public static bool IsPossible(string code) => Category(code) != "not possible";

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A comma-separated file with a header row, quoted fields unescaped.</summary>
    private static SepReader Read(byte[] file) => Sep.New(',').Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).From(file);
}

/// <summary>Absence figures computed from attendance rows the DfE way: sessions summed over pupils, then divided.</summary>
/// <remarks>Rates are percentages of possible sessions; PA and severe are shares of pupils with any possible session whose own absence reaches 10% and 50%.</remarks>
internal sealed record AbsenceFigures(double OverallAbsence, double Unauthorised, double PersistentAbsence, double SevereAbsence, int Pupils)
{
    public static AbsenceFigures Of(IEnumerable<MarkRow> marks)
    {
        var (possible, absent, unauthorised) = (0L, 0L, 0L);
        var perPupil = new Dictionary<string, (int Possible, int Absent)>(StringComparer.Ordinal);
        foreach (var mark in marks.Where(m => ExportRows.IsPossible(m.Code)))
        {
            var absence = ExportRows.IsAbsence(mark.Code);
            possible++;
            absent += absence ? 1 : 0;
            unauthorised += ExportRows.Category(mark.Code) == "unauthorised" ? 1 : 0;
            var pupil = perPupil.GetValueOrDefault(mark.Upn);
            perPupil[mark.Upn] = (pupil.Possible + 1, pupil.Absent + (absence ? 1 : 0));
        }

        var pupils = perPupil.Values.Where(p => p.Possible > 0).ToList();
        return new AbsenceFigures(
            100.0 * absent / possible,
            100.0 * unauthorised / possible,
            100.0 * pupils.Count(p => p.Absent * 10 >= p.Possible) / pupils.Count,
            100.0 * pupils.Count(p => p.Absent * 2 >= p.Possible) / pupils.Count,
            pupils.Count);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"absence {OverallAbsence:F2}%, unauthorised {Unauthorised:F2}%, PA {PersistentAbsence:F1}%, severe {SevereAbsence:F1}% of {Pupils} pupils");
}
