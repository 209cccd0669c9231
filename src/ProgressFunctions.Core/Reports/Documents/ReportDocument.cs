namespace ProgressFunctions.Core.Reports.Documents;

/// <summary>
/// A report ready to lay out: every figure already computed and formatted. Renderers (PDF, e-mail, terminal)
/// only place these blocks; they compute nothing.
/// </summary>
/// <remarks>
/// <see cref="Issued"/> is the date printed on the report and written into the document metadata, so the same
/// document always renders to the same bytes. <see cref="Author"/> is the school.
/// </remarks>
public sealed record ReportDocument(
    string Title,
    string Subject,
    string Author,
    DateOnly Issued,
    IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>A password the PDF is encrypted with (e.g. the pupil's date of birth), or null for none.</summary>
    public string? Password { get; init; }

    /// <summary>The file name to store it under, without a path: pseudonymous where the report is about one pupil.</summary>
    public string FileName { get; init; } = "report.pdf";

    /// <summary>The name the recipient sees on the attachment, when it is not <see cref="FileName"/> (a parent sees their
    /// child's name, not an id); never used for anything stored.</summary>
    public string? AttachmentName { get; init; }

    /// <summary><see cref="AttachmentName"/>, or <see cref="FileName"/>.</summary>
    public string AttachedAs => AttachmentName ?? FileName;

    /// <summary>All the text a reader would see, in order: for tests and plain-text summaries.</summary>
    public IEnumerable<string> Text() => Blocks.SelectMany(b => b.Text());
}

/// <summary>One block of a report, laid out top to bottom.</summary>
/// <remarks>A closed set, stored by name when a document is decided ahead of its sending (a digest, a letter).</remarks>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(Heading), "heading")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(Paragraph), "paragraph")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(KeyFacts), "key-facts")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TableBlock), "table")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(LineChart), "line-chart")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(BarChart), "bar-chart")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(PageBreak), "page-break")]
public abstract record ReportBlock
{
    public abstract IEnumerable<string> Text();
}

public enum Tone
{
    Normal,
    Good,
    Caution,
    Concern,
}

public enum Align
{
    Left,
    Right,
    Centre,
}

public sealed record Heading(string Value, int Level = 1) : ReportBlock
{
    public override IEnumerable<string> Text() => [Value];
}

public sealed record Paragraph(string Value, bool Small = false) : ReportBlock
{
    public override IEnumerable<string> Text() => [Value];
}

/// <summary>A row of headline figures shown as boxes ("Attendance 94.2%").</summary>
public sealed record KeyFacts(IReadOnlyList<KeyFact> Facts) : ReportBlock
{
    public override IEnumerable<string> Text() => Facts.SelectMany(f => new[] { f.Label, f.Value });
}

public sealed record KeyFact(string Label, string Value, Tone Tone = Tone.Normal);

/// <summary>A table; when it breaks across pages its header row is repeated.</summary>
/// <remarks>Column widths are relative weights; every row has one cell per column.</remarks>
public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows, string? Caption = null) : ReportBlock
{
    public override IEnumerable<string> Text() =>
        (Caption is null ? [] : new[] { Caption }).Concat(Columns.Select(c => c.Header)).Concat(Rows.SelectMany(r => r.Cells));
}

public sealed record TableColumn(string Header, double Weight = 1, Align Align = Align.Left);

public sealed record TableRow(IReadOnlyList<string> Cells, Tone Tone = Tone.Normal);

/// <summary>A line chart over labelled points, with horizontal reference lines (e.g. the 90% and 95% lines).</summary>
/// <remarks>Null values are gaps (no data that week). The y axis runs from <see cref="YMin"/> to <see cref="YMax"/> inclusive.</remarks>
public sealed record LineChart(
    string Title,
    IReadOnlyList<string> XLabels,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ReferenceLine> Lines,
    double YMin,
    double YMax,
    string YUnit) : ReportBlock
{
    public override IEnumerable<string> Text() => [Title, .. Series.Select(s => s.Name), .. Lines.Select(l => l.Label)];
}

/// <summary>One series of a chart; <see cref="Tone"/>, when set, colours it by meaning (good, caution, concern) rather than by position.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    public Tone? Tone { get; init; }
}

public sealed record ReferenceLine(string Label, double Value, Tone Tone);

/// <summary>Grouped horizontal bars per category (e.g. current and target grade per subject, or pupils per band).</summary>
public sealed record BarChart(
    string Title,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    double Max,
    IReadOnlyList<string>? AxisLabels = null) : ReportBlock
{
    public override IEnumerable<string> Text() => [Title, .. Categories, .. Series.Select(s => s.Name)];
}

public sealed record PageBreak : ReportBlock
{
    public override IEnumerable<string> Text() => [];
}
