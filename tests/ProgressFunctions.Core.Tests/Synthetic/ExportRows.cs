using System.Globalization;
using System.Text;
using ProgressFunctions.Core.Tests.Imports;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Synthetic;

/// <summary>One row of attendance.csv.</summary>
internal sealed record MarkRow(string Upn, DateOnly Date, string Session, string Code, int? MinutesLate);

/// <summary>One row of assessments.csv.</summary>
internal sealed record ResultRow(string Upn, string Subject, string Point, DateOnly Date, string Scale, string Grade);

/// <summary>
/// A generated school's export read back the plain way, for checking the generator without the product's own readers
/// and attendance functions: the CSV files split into rows and fields, and the DfE code categories written out here.
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
        var pupils = Rows(files["pupils.csv"]);
        var years = pupils.Skip(1).ToDictionary(r => r[Column(pupils[0], "UPN")], r => int.Parse(r[Column(pupils[0], "Year")], CultureInfo.InvariantCulture));
        var marks = Rows(files["attendance.csv"]).Skip(1)
            .Select(r => new MarkRow(r[0], Date(r[1]), r[2], r[3], r[4].Length == 0 ? null : int.Parse(r[4], CultureInfo.InvariantCulture))).ToList();
        var results = Rows(files["assessments.csv"]).Skip(1).Select(r => new ResultRow(r[0], r[1], r[2], Date(r[3]), r[4], r[5])).ToList();
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

    private static int Column(string[] header, string name) => Array.IndexOf(header, name);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 rows: fields split at commas outside quotes, doubled quotes inside them.</summary>
    private static List<string[]> Rows(byte[] file)
    {
        var rows = new List<string[]>();
        foreach (var line in Encoding.UTF8.GetString(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
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
