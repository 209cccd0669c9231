using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Infrastructure.Reports.Excel;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>
/// Reads the streamed file back with the Open XML SDK, cell by cell, against the model it was written from: every
/// cell's reference, type, value and what its style shows. LibreOffice and openpyxl read it as users' programs do;
/// this reads what is in the file.
/// </summary>
public sealed class ExcelWorkbookReadBackTests
{
    private const string ChangeFormat = "+0.0;-0.0;\"No change\"";

    [Theory]
    [MemberData(nameof(WorkbookSamples.Names), MemberType = typeof(WorkbookSamples))]
    public void Render_Workbook_EveryCellIsTheModels(string name)
    {
        var workbook = WorkbookSamples.Named(name);

        var read = ReadBack(new ExcelWorkbookRenderer().Render(workbook));

        Assert.Equal(workbook.Sheets.Count + 1, read.Count);
        Assert.Equal(Summary(workbook), read[0]);
        foreach (var (sheet, i) in workbook.Sheets.Select((s, i) => (s, i)))
        {
            Assert.Equal(Expected(sheet, workbook.ShowGroup, workbook.GroupHeading), read[i + 1]);
        }
    }

    [Theory]
    [InlineData(4, "Class")]
    [InlineData(9, "Form")]
    public void Render_YearGroupWorkbook_NamesTheRegistrationGroupColumnAsTheSchoolDoes(int yearGroup, string expected)
    {
        var input = WorkbookSamples.Input;
        var pupils = input.Snapshot.Pupils.Select(p => p with { YearGroup = yearGroup }).ToEquatableList();
        var workbook = SubjectWorkbook.ForYearGroup(input with { Snapshot = input.Snapshot with { Pupils = pupils } }, yearGroup);

        var read = ReadBack(new ExcelWorkbookRenderer().Render(workbook));

        Assert.All(read.Skip(1), sheet => Assert.Contains($"| C1 {Header(expected)} |", sheet[0], StringComparison.Ordinal));
    }

    private static List<string> Summary(ProgressWorkbook workbook) =>
    [
        Row(1, [.. ((string[])[workbook.ShowGroup ? "Subject" : "Teaching group", "Pupils", .. ProgressBands.All.Select(b => b.Label()), "No result yet"]).Select(Header)]),
        .. workbook.Sheets.Select((s, i) => Row(i + 2,
            [Text(s.Name), Number(s.Rows.Count), .. ProgressBands.All.Select(b => Number(s.Count(b))), Number(s.Count(null))])),
    ];

    private static List<string> Expected(WorkbookSheet sheet, bool showGroup, string groupHeading)
    {
        string?[] header = ["Pupil", "UPN", groupHeading, .. (showGroup ? (string[])["Teaching group"] : []), "SEN", "Disadvantaged", "Target",
            .. sheet.Points, "Current", "Expected", "Band", "Change since last snapshot"];
        return
        [
            Row(1, [.. header.Select(Header)]),
            .. sheet.Rows.Select((r, i) => Row(i + 2,
            [
                Text(r.Pupil), Text(r.Upn), Text(r.Form), .. (showGroup ? (string?[])[Text(r.TeachingGroup)] : []), Text(r.Sen), Text(r.Disadvantaged ? "Yes" : "No"),
                Grade(r.Target), .. r.Points.Select(Grade), Grade(r.Current), Grade(r.Expected),
                Text(r.Band?.Label() ?? "No result yet"),
                r.Change is { } change ? $"n {(double)change:R} shown {ChangeFormat}" : null,
            ])),
        ];
    }

    private static string Header(string? text) => $"s {text} style header";

    private static string Text(string text) => $"s {text} style default";

    private static string Number(int value) => $"n {value} style default";

    private static string? Grade(GradeCell? grade) => grade switch
    {
        null => null,
        { Value: { } value } => $"n {(double)value:R} shown \"{grade.Label}\"",
        _ => Text(grade.Label),
    };

    /// <summary>A row as "1 | A1 cell | B1 cell": cells left out where the model has none, so columns must line up.</summary>
    private static string Row(int number, IReadOnlyList<string?> cells) =>
        string.Create(CultureInfo.InvariantCulture, $"{number} | ") + string.Join(" | ",
            cells.Select((c, i) => (c, i)).Where(x => x.c is not null).Select(x => $"{SheetWriter.Column(x.i)}{number} {x.c}"));

    private static List<List<string>> ReadBack(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var book = document.WorkbookPart!;
        var strings = book.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var stylesheet = book.WorkbookStylesPart!.Stylesheet;
        var formats = stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!);
        var cellFormats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = stylesheet.Fonts!.Elements<Font>().ToList();

        string Shown(uint style)
        {
            var format = cellFormats[(int)style];
            return format.NumberFormatId?.Value is { } id && id != 0 ? "shown " + FirstSection(formats[id], id)
                : fonts[(int)format.FontId!.Value].Bold is not null ? "style header" : "style default";
        }

        string Cell(Cell cell)
        {
            var value = cell.CellValue!.Text;
            var style = Shown(cell.StyleIndex?.Value ?? 0);
            return cell.DataType?.Value == CellValues.SharedString
                ? $"{cell.CellReference} s {strings[int.Parse(value, CultureInfo.InvariantCulture)]} {style}"
                : $"{cell.CellReference} n {double.Parse(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)} {style}";
        }

        return [.. book.Workbook.Sheets!.Elements<Sheet>().Select(s => ((WorksheetPart)book.GetPartById(s.Id!.Value!)).Worksheet
            .GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.RowIndex!.Value} | ") + string.Join(" | ", r.Elements<Cell>().Select(Cell)))
            .ToList())];
    }

    // A grade's format is its label in quotes, four times over; the change format is read whole.
    private static string FirstSection(string code, uint id) => code == ChangeFormat ? code : code.Split(';')[0] is var first && code == string.Join(';', first, first, first, "@")
        ? first : throw new InvalidOperationException($"number format {id} is {code}");
}
