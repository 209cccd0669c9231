using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>The workbook's stylesheet: header, change and one number format per grade label; band colours as differential formats.</summary>
/// <remarks>
/// A grade cell holds the scale's value and shows its label through a number format made of that label alone
/// (<c>"A*";"A*";"A*";@</c>): sorting and filtering work on the value, people read the grade. Number formats can only
/// switch on two conditions, too few for most scales, hence one format per label. Ids start at 164, the first one
/// the format reserves for custom number formats.
/// </remarks>
internal sealed class WorkbookStyles
{
    public const uint Default = 0;
    public const uint Header = 1;
    public const uint Change = 2;
    private const uint FirstGradeStyle = 3;
    private const uint FirstCustomFormat = 164;

    /// <summary>Fill and font of each band, as Excel's own Good / Neutral / Bad styles colour them.</summary>
    private static readonly (ProgressBand Band, string Fill, string Font)[] s_bandColours =
    [
        (ProgressBand.Above, "FFC6EFCE", "FF006100"),
        (ProgressBand.OnTrack, "FFDDEBF7", "FF1F4E78"),
        (ProgressBand.Below, "FFFFEB9C", "FF9C5700"),
        (ProgressBand.WellBelow, "FFFFC7CE", "FF9C0006"),
    ];

    private readonly Dictionary<string, uint> _gradeStyles = new(StringComparer.Ordinal);

    public static IReadOnlyList<ProgressBand> Bands { get; } = [.. s_bandColours.Select(c => c.Band)];

    /// <summary>The cell style that shows <paramref name="label"/> whatever the value.</summary>
    public uint Grade(string label)
    {
        if (!_gradeStyles.TryGetValue(label, out var style))
        {
            style = FirstGradeStyle + (uint)_gradeStyles.Count;
            _gradeStyles.Add(label, style);
        }

        return style;
    }

    /// <summary>The differential format (index into dxfs) of a band's conditional format.</summary>
    public static uint BandFormat(ProgressBand band) => (uint)Array.FindIndex(s_bandColours, c => c.Band == band);

    public Stylesheet Build()
    {
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = FirstCustomFormat, FormatCode = "+0.0;-0.0;\"No change\"" });
        var cellFormats = new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = FirstCustomFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true });
        foreach (var (label, style) in _gradeStyles.OrderBy(g => g.Value))
        {
            var id = FirstCustomFormat + 1 + (style - FirstGradeStyle);
            formats.Append(new NumberingFormat { NumberFormatId = id, FormatCode = LabelFormat(label) });
            cellFormats.Append(new CellFormat
            {
                NumberFormatId = id, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true,
                Alignment = new Alignment { Horizontal = HorizontalAlignmentValues.Center },
                ApplyAlignment = true,
            });
        }

        formats.Count = (uint)formats.ChildElements.Count;
        cellFormats.Count = (uint)cellFormats.ChildElements.Count;
        return new Stylesheet(
            formats,
            new Fonts(Font(bold: false), Font(bold: true)) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                    new BottomBorder(new Color { Rgb = "FF8EA9DB" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats(s_bandColours.Select(c => (OpenXmlElement)new DifferentialFormat(
                new Font(new Color { Rgb = c.Font }),
                new Fill(new PatternFill(new BackgroundColor { Rgb = c.Fill }) { PatternType = PatternValues.Solid })))) { Count = (uint)s_bandColours.Length });
    }

    // Quotes make every character literal, '*' (a fill character outside quotes) included; a quote cannot be quoted.
    private static string LabelFormat(string label)
    {
        var literal = "\"" + label.Replace("\"", "'", StringComparison.Ordinal) + "\"";
        return $"{literal};{literal};{literal};@";
    }

    private static Font Font(bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
        return font;
    }
}
