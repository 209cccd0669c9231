using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Subjects;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>Writes a <see cref="ProgressWorkbook"/> as an Office Open XML workbook (<c>.xlsx</c>) with the Open XML SDK.</summary>
/// <remarks>
/// DocumentFormat.OpenXml rather than MiniExcel: MiniExcel writes frozen panes and auto-filters but has no conditional
/// formatting and no per-cell number formats, and the workbook needs both (band colours; grades stored as values and
/// shown as labels). The Open XML SDK is Microsoft's own, MIT-licensed, and writes any part of the format.
/// A summary sheet comes first (pupils per band per sheet), then one sheet per group. Every sheet has its header row
/// frozen, an auto-filter over its table and the band column coloured by conditional formats; it prints landscape,
/// one page wide, with the header repeated. Strings go in the shared string table, as Excel itself writes them.
/// </remarks>
public sealed class ExcelWorkbookRenderer : IWorkbookRenderer
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string ContentType => XlsxContentType;

    public byte[] Render(ProgressWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var styles = new WorkbookStyles();
        var names = SheetNames.For(["Summary", .. workbook.Sheets.Select(s => s.Name)]);
        var tables = new List<SheetTable> { SummaryTable(workbook) };
        tables.AddRange(workbook.Sheets.Select(s => GroupTable(s, workbook.ShowGroup, workbook.GroupHeading, styles)));

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = $"{workbook.Title}: {workbook.Period}";
            document.PackageProperties.Creator = workbook.SchoolName;
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook();
            var strings = new SharedStrings();
            var sheets = new Sheets();
            var definedNames = new DefinedNames();
            for (var i = 0; i < tables.Count; i++)
            {
                var part = book.AddNewPart<WorksheetPart>($"rIdSheet{i + 1}");
                SheetWriter.Write(part, tables[i], strings);
                sheets.Append(new Sheet { Name = names[i], SheetId = (uint)(i + 1), Id = book.GetIdOfPart(part) });
                var quoted = "'" + names[i].Replace("'", "''", StringComparison.Ordinal) + "'";
                definedNames.Append(new DefinedName($"{quoted}!{tables[i].Range}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
                definedNames.Append(new DefinedName($"{quoted}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }

            book.Workbook.Append(new BookViews(new WorkbookView { ActiveTab = 0 }), sheets, definedNames);
            book.AddNewPart<WorkbookStylesPart>("rIdStyles").Stylesheet = styles.Build();
            strings.Write(book.AddNewPart<SharedStringTablePart>("rIdStrings"));
        }

        return stream.ToArray();
    }

    private static SheetTable SummaryTable(ProgressWorkbook workbook)
    {
        List<string> header = [workbook.ShowGroup ? "Subject" : "Teaching group", "Pupils", .. ProgressBands.All.Select(b => b.Label()), "No result yet"];
        var rows = workbook.Sheets.Select(s => (IReadOnlyList<SheetCell?>)
            [
                new TextCell(s.Name), new NumberCell(s.Rows.Count, WorkbookStyles.Default),
                .. ProgressBands.All.Select(b => (SheetCell?)new NumberCell(s.Count(b), WorkbookStyles.Default)),
                new NumberCell(s.Count(null), WorkbookStyles.Default),
            ]).ToList();
        return new SheetTable(header, rows, BandColumn: null);
    }

    private static SheetTable GroupTable(WorkbookSheet sheet, bool showGroup, string groupHeading, WorkbookStyles styles)
    {
        List<string> header = ["Pupil", "UPN", groupHeading, .. (showGroup ? (string[])["Teaching group"] : []), "SEN", "Disadvantaged", "Target",
            .. sheet.Points, "Current", "Expected", "Band", "Change since last snapshot"];
        var rows = sheet.Rows.Select(r => (IReadOnlyList<SheetCell?>)
            [
                new TextCell(r.Pupil), new TextCell(r.Upn), new TextCell(r.Form),
                .. (showGroup ? (SheetCell?[])[new TextCell(r.TeachingGroup)] : []),
                new TextCell(r.Sen), new TextCell(r.Disadvantaged ? "Yes" : "No"),
                Grade(r.Target, styles), .. r.Points.Select(p => Grade(p, styles)), Grade(r.Current, styles), Grade(r.Expected, styles),
                new TextCell(r.Band?.Label() ?? "No result yet"),
                r.Change is { } change ? new NumberCell(change, WorkbookStyles.Change) : null,
            ]).ToList();
        return new SheetTable(header, rows, BandColumn: header.Count - 2);
    }

    private static SheetCell? Grade(GradeCell? grade, WorkbookStyles styles) => grade switch
    {
        null => null,
        { Value: { } value } => new NumberCell(value, styles.Grade(grade.Label), grade.Label),
        _ => new TextCell(grade.Label),
    };
}

/// <summary>A sheet's header and rows before layout; <see cref="BandColumn"/> is the 0-based column coloured by band.</summary>
internal sealed record SheetTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<SheetCell?>> Rows, int? BandColumn)
{
    /// <summary>The table's cells, header included, as an absolute reference (<c>$A$1:$N$31</c>).</summary>
    public string Range => $"$A$1:${SheetWriter.Column(Header.Count - 1)}${Rows.Count + 1}";
}

/// <summary>A cell to write: text, or a number with its style and the text it displays (for column widths).</summary>
internal abstract record SheetCell(string Display);

internal sealed record TextCell(string Text) : SheetCell(Text);

internal sealed record NumberCell(decimal Number, uint Style, string? Shown = null)
    : SheetCell(Shown ?? Number.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
