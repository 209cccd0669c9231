using System.Globalization;
using System.Text.Json;
using Microsoft.VisualBasic.FileIO;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

internal sealed record PupilRow(string Upn, string Id, string Name, int Year, string Form, string Sen, DateOnly? Admitted, DateOnly? Left)
{
    /// <summary>How staff reports list the pupil: the name, and the end of the UPN when another pupil of the export has the name too (set by <see cref="ExportRows.Read"/>).</summary>
    public string Listed { get; init; } = Name;

    public DateOnly? Born { get; init; }

    public bool OnRoll(DateOnly date) => (Admitted is null || Admitted <= date) && (Left is null || Left >= date);
}

internal sealed record MarkRow(string Upn, DateOnly Date, string Session, string Code, int? MinutesLate);

internal sealed record ResultRow(string Upn, string Subject, string Point, DateOnly Date, string Scale, string Grade);

internal sealed record TargetRow(string Upn, string Subject, string Scale, string Grade, string Baseline, DateOnly Start, DateOnly End, string Group);

internal sealed record TermRow(string Name, DateOnly Start, DateOnly End);

/// <summary>The export as the generator wrote it, read back from its own files with a plain CSV parser.</summary>
/// <remarks>
/// This is the test's own reading of the files, for the reconciliation: it shares nothing with the product's readers
/// (Microsoft.VisualBasic's <see cref="TextFieldParser"/> for the quoting, <see cref="JsonDocument"/> for school.json).
/// </remarks>
internal sealed class ExportRows
{
    public required string SchoolName { get; init; }
    public required IReadOnlyList<TermRow> Terms { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> CustomScales { get; init; }
    public required IReadOnlyList<PupilRow> Pupils { get; init; }
    public required ILookup<string, MarkRow> MarksByUpn { get; init; }
    public required IReadOnlyList<ResultRow> Results { get; init; }
    public required IReadOnlyList<TargetRow> Targets { get; init; }
    public required IReadOnlyList<(string StaffId, string Role)> StaffRoles { get; init; }

    // Namesakes (any case) are followed by the last 4 characters of their UPN, or the whole UPN when those are alike too.
    private static List<PupilRow> Listed(List<PupilRow> pupils)
    {
        var byName = pupils.GroupBy(p => p.Name.ToUpperInvariant()).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.ToList());
        return [.. pupils.Select(p => !byName.TryGetValue(p.Name.ToUpperInvariant(), out var same) ? p
            : same.Select(q => q.Upn[^4..]).Distinct().Count() == same.Count ? p with { Listed = $"{p.Name} (UPN ending {p.Upn[^4..]})" }
            : p with { Listed = $"{p.Name} (UPN {p.Upn})" })];
    }

    public static ExportRows Read(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "school.json")));
        var root = json.RootElement;
        var terms = root.GetProperty("terms").EnumerateArray()
            .Select(t => new TermRow(t.GetProperty("name").GetString()!, Date(t.GetProperty("start").GetString()!)!.Value, Date(t.GetProperty("end").GetString()!)!.Value)).ToList();
        var scales = root.TryGetProperty("gradeScales", out var s)
            ? s.EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, g => (IReadOnlyList<string>)[.. g.GetProperty("grades").EnumerateArray().Select(x => x.GetString()!)], StringComparer.OrdinalIgnoreCase)
            : [];
        return new ExportRows
        {
            SchoolName = root.GetProperty("name").GetString()!,
            Terms = terms,
            CustomScales = scales,
            Pupils = Listed([.. Rows(folder, "pupils.csv").Select(r => new PupilRow(r["UPN"], r["Pupil ID"], $"{(r["Preferred Forename"].Length > 0 ? r["Preferred Forename"] : r["Legal Forename"])} {r["Legal Surname"]}",
                int.Parse(r["Year"], CultureInfo.InvariantCulture), r["Reg Group"], r["SEN"], Date(r["Admission Date"]), Date(r["Leaving Date"])) { Born = Date(r["Date of Birth"]) })]),
            MarksByUpn = Rows(folder, "attendance.csv").Select(r => new MarkRow(r["UPN"], Date(r["Date"])!.Value, r["Session"], r["Mark"],
                r["Minutes Late"].Length == 0 ? null : int.Parse(r["Minutes Late"], CultureInfo.InvariantCulture))).ToLookup(m => m.Upn, StringComparer.Ordinal),
            Results = [.. Rows(folder, "assessments.csv").Select(r => new ResultRow(r["UPN"], r["Subject"], r["Point"], Date(r["Date"])!.Value, r["Scale"], r["Grade"]))],
            Targets = [.. Rows(folder, "targets.csv").Select(r => new TargetRow(r["UPN"], r["Subject"], r["Scale"], r["Target"], r["Baseline"],
                Date(r["Course Start"])!.Value, Date(r["Course End"])!.Value, r["Teaching Group"]))],
            StaffRoles = [.. Rows(folder, "staff.csv").SelectMany(r => r["Roles"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(role => (r["Staff ID"], role)))],
        };
    }

    public PupilRow PupilById(string id) => Pupils.Single(p => p.Id == id);

    internal static DateOnly? Date(string text) =>
        text.Length == 0 ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static IEnumerable<Dictionary<string, string>> Rows(string folder, string file)
    {
        using var parser = new TextFieldParser(Path.Combine(folder, file)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            yield return header.Select((h, i) => (h, v: i < fields.Length ? fields[i] : "")).ToDictionary(x => x.h, x => x.v, StringComparer.OrdinalIgnoreCase);
        }
    }
}
