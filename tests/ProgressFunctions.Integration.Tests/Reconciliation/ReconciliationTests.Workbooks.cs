using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>
/// The subject leaders' and year leaders' workbooks as sent (.xlsx, read cell by cell with the Open XML SDK), against
/// targets.csv, assessments.csv and pupils.csv: each pupil's target, result at each assessment point, current and
/// expected grade, band and change since the last snapshot, and the summary sheet's count of pupils in each band.
/// </summary>
public sealed partial class ReconciliationTests
{
    private static readonly string[] s_workbookBands = ["Above", "On track", "Below", "Well below", "No result yet"];

    /// <summary>One pupil's subject as a workbook row should show it: each column's text (a grade as its label), and the numbers compared as numbers.</summary>
    /// <remarks>
    /// A grade cell holds the scale's value, for sorting, and shows the grade: the test's values count from 0 on every
    /// scale and the product's from 1 on some, so grades are compared as shown, and current minus expected (which
    /// sets the band) as a number.
    /// </remarks>
    private sealed record WorkbookEntry(PupilRow Pupil, TargetRow Target, IReadOnlyDictionary<string, string> Text, IReadOnlyDictionary<string, double> Numbers);

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Workbooks_EveryPupilsGradesAndTheBandCounts_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var asOf = school.Snapshot.AsOf;
        var entries = school.Export.Pupils.Where(p => p.OnRoll(asOf)).SelectMany(p => TargetsOf(school, p).Select(t => Entry(school, rows, p, t))).ToList();
        var checkedBooks = new List<string>();
        foreach (var subject in entries.GroupBy(e => e.Target.Subject))
        {
            if (school.Workbooks.Keys.SingleOrDefault(k => k.EndsWith($"-subject-{subject.Key.ToLowerInvariant()}.xlsx", StringComparison.Ordinal)) is { } file)
            {
                AssertWorkbook(school, ReadWorkbook(school.Workbooks[file]), [.. subject.GroupBy(e => e.Target.Group.Length == 0 ? "No group" : e.Target.Group)]);
                checkedBooks.Add(file);
            }
        }

        // A year group with no subject (Reception in the primary school) gets a workbook with an empty summary.
        foreach (var year in school.Export.Pupils.Where(p => p.OnRoll(asOf)).Select(p => p.Year).Distinct())
        {
            if (school.Workbooks.Keys.SingleOrDefault(k => k.EndsWith($"-year-{year}.xlsx", StringComparison.Ordinal)) is { } file)
            {
                AssertWorkbook(school, ReadWorkbook(school.Workbooks[file]), [.. entries.Where(e => e.Pupil.Year == year).GroupBy(e => e.Target.Subject)]);
                checkedBooks.Add(file);
            }
        }

        Assert.NotEmpty(checkedBooks);
        Assert.Equal(school.Workbooks.Keys.Order(StringComparer.Ordinal), checkedBooks.Order(StringComparer.Ordinal));
    }

    private static WorkbookEntry Entry(ReconciledSchool school, RoleRows rows, PupilRow pupil, TargetRow target)
    {
        var export = school.Export;
        var now = OnPath(export, target, school.Snapshot.AsOf);
        var then = school.PreviousAsOf is { } previous ? OnPath(export, target, previous) : null;
        var traits = rows.Traits[pupil.Upn];
        var text = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Pupil"] = pupil.Name, ["UPN"] = pupil.Upn, ["Form"] = pupil.Form, ["Teaching group"] = target.Group,
            ["SEN"] = pupil.Sen switch { "N" => "None", "K" => "SEN support", _ => "EHC plan" },
            ["Disadvantaged"] = traits.Disadvantaged ? "Yes" : "No",
            ["Target"] = Label(export, target.Scale, target.Grade)!,
            ["Band"] = now is { } n ? (n.Value - n.Expected) switch { >= 0.5m => "Above", > -0.5m => "On track", > -1.5m => "Below", _ => "Well below" } : "No result yet",
        };
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        if (now is { } current)
        {
            (text["Current"], text["Expected"]) = (Label(export, current.Row.Scale, current.Row.Grade)!, Nearest(export, target.Scale, current.Expected));
            numbers["Current - Expected"] = (double)(current.Value - current.Expected);
            // No number when the pupil has no result since the snapshot before (the same date and grade).
            if (then is { } before && !(before.Row.Date == current.Row.Date && before.Value == current.Value))
            {
                numbers["Change since last snapshot"] = (double)(current.Value - before.Value);
            }
        }

        // Each assessment point of this year: the pupil's latest result at it in the subject, on any scale the school has.
        var year = YearStart(school.Snapshot.AsOf);
        foreach (var point in export.Results.Where(r => r.Upn == pupil.Upn && Same(r.Subject, target.Subject) && r.Date >= year && r.Date <= school.Snapshot.AsOf
            && Value(export, r.Scale, r.Grade) is not null).GroupBy(r => r.Point.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            // Of two results on the same day, the first in the file.
            var latest = point.First(r => r.Date == point.Max(x => x.Date));
            text["point:" + point.Key] = Label(export, latest.Scale, latest.Grade)!;
        }

        return new WorkbookEntry(pupil, target, text, numbers);
    }

    /// <summary>A workbook's sheets (one per group of <paramref name="sheets"/>, by key) row by row, and its summary sheet.</summary>
    private static void AssertWorkbook(ReconciledSchool school, Dictionary<string, List<Dictionary<string, (string Text, double? Number)>>> book, IReadOnlyList<IGrouping<string, WorkbookEntry>> sheets)
    {
        // Excel refuses a sheet named "History" (it keeps the name for change tracking), so that subject's sheet is "History (subject)".
        static string SheetName(string name) => string.Equals(name, "History", StringComparison.OrdinalIgnoreCase) ? name + " (subject)" : name;
        Assert.Equal(sheets.Select(s => SheetName(s.Key)).Append("Summary").Order(StringComparer.Ordinal), book.Keys.Order(StringComparer.Ordinal));
        foreach (var sheet in sheets)
        {
            var read = book[SheetName(sheet.Key)];
            Assert.Equal(sheet.Select(e => e.Pupil.Upn).Order(StringComparer.Ordinal), read.Select(r => r["UPN"].Text).Order(StringComparer.Ordinal));
            foreach (var entry in sheet)
            {
                var row = read.Single(r => r.TryGetValue("UPN", out var upn) && upn.Text == entry.Pupil.Upn);
                var shown = row.Where(c => c.Key != "Change since last snapshot" && c.Value.Text.Length > 0).ToDictionary(c => c.Key == "Class" ? "Form" : c.Key, c => c.Value.Text);
                // The subject leader's sheets are teaching groups, so only the year leader's show the group.
                var expected = entry.Text.Where(t => t.Key != "Teaching group" || read.Any(r => r.ContainsKey(t.Key))).Where(t => t.Value.Length > 0).ToDictionary();
                Assert.Equal(expected.OrderBy(t => t.Key, StringComparer.Ordinal), shown.OrderBy(t => t.Key, StringComparer.Ordinal));
                var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
                if (row.TryGetValue("Current", out var current) && row.TryGetValue("Expected", out var path))
                {
                    numbers["Current - Expected"] = current.Number!.Value - path.Number!.Value;
                }

                if (row.TryGetValue("Change since last snapshot", out var change))
                {
                    numbers["Change since last snapshot"] = change.Number!.Value;
                }

                Assert.Equal(entry.Numbers.Keys.Order(StringComparer.Ordinal), numbers.Keys.Order(StringComparer.Ordinal));
                Assert.All(entry.Numbers, n => Assert.True(Math.Abs(n.Value - numbers[n.Key]) < 1e-9, $"{sheet.Key}, {entry.Pupil.Upn}, {n.Key}: the workbook has {numbers[n.Key]}, the export {n.Value}"));
            }

            var summary = book["Summary"].Single(r => r.Values.First().Text == sheet.Key);
            string[] counts = [sheet.Key, .. new[] { sheet.Count() }.Concat(s_workbookBands.Select(b => sheet.Count(e => e.Text["Band"] == b))).Select(n => n.ToString(CultureInfo.InvariantCulture))];
            Assert.Equal(counts, summary.Values.Select(v => v.Text));
        }

        Assert.Equal(sheets.Count, book["Summary"].Count);
    }

    /// <summary>Each sheet's rows under its header row, as header → what the cell shows and its number; assessment-point columns keyed "point:" and the point's name.</summary>
    /// <remarks>A grade cell shows its grade through a number format that is the grade in quotes; other numbers show as numbers.</remarks>
    private static Dictionary<string, List<Dictionary<string, (string Text, double? Number)>>> ReadWorkbook(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var part = document.WorkbookPart!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var styles = part.WorkbookStylesPart!.Stylesheet;
        var formats = styles.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = styles.CellFormats!.Elements<CellFormat>().ToList();
        (string, double?) Read(Cell cell)
        {
            if (cell.DataType?.Value == CellValues.SharedString)
            {
                return (strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)], null);
            }

            if (cell.DataType?.Value is { } type && (type == CellValues.InlineString || type == CellValues.String))
            {
                return (cell.InnerText, null);
            }

            var number = double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
            var format = cellFormats[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId?.Value is { } id ? formats.GetValueOrDefault(id) : null;
            return (format is ['"', ..] ? format[1..format.IndexOf('"', 1)] : number.ToString(CultureInfo.InvariantCulture), number);
        }

        static string Column(Cell cell) => new([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]);
        var book = new Dictionary<string, List<Dictionary<string, (string Text, double? Number)>>>(StringComparer.Ordinal);
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var rows = ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            var header = rows[0].Elements<Cell>().Select(c => (Column: Column(c), Name: Read(c).Item1)).ToList();
            var (from, to) = (header.FindIndex(h => h.Name == "Target") + 1, header.FindIndex(h => h.Name == "Current"));
            var names = header.Select((h, i) => (h.Column, Name: from > 0 && i >= from && i < to ? "point:" + h.Name : h.Name)).ToDictionary(h => h.Column, h => h.Name, StringComparer.Ordinal);
            book[sheet.Name!.Value!] = [.. rows.Skip(1).Select(r => r.Elements<Cell>().Where(c => c.CellValue is not null || c.InnerText.Length > 0).ToDictionary(c => names[Column(c)], Read, StringComparer.Ordinal))];
        }

        return book;
    }
}
