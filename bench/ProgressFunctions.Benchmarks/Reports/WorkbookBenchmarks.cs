using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Reports.Excel;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Reports;

/// <summary>
/// Staff workbooks for a synthetic 1,500-pupil secondary in the spring term, as the demo sends them: the year leader's
/// (one sheet per subject of Year 9, about 300 pupils each) and the subject leader's for Mathematics (one sheet per
/// teaching group, every year group). Model and .xlsx are measured apart: the model is Core's, the file Infrastructure's.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project bench/ProgressFunctions.Benchmarks -- --filter '*WorkbookBenchmarks*'</c>
/// (add <c>--inProcess</c> on a busy machine, where building the separate benchmark process can time out).
/// </remarks>
[MemoryDiagnoser]
public class WorkbookBenchmarks
{
    private const string Subject = "Mathematics";
    private const int YearGroup = 9;
    private readonly ExcelWorkbookRenderer _renderer = new();
    private WorkbookInput _input = null!;
    private ProgressWorkbook _subject = null!;
    private ProgressWorkbook _year = null!;

    [GlobalSetup]
    public void Setup()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 20)));
        _input = new WorkbookInput(school.Name, school.Snapshot(), school.Directory, school.Assessments, school.Profile.Scales);
        _subject = SubjectWorkbook.ForSubject(_input, Subject);
        _year = SubjectWorkbook.ForYearGroup(_input, YearGroup);
        Console.WriteLine($"// {Subject}: {_subject.Sheets.Count} sheets, {_subject.Sheets.Sum(s => s.Rows.Count)} rows, {_renderer.Render(_subject).Length:N0} bytes");
        Console.WriteLine($"// Year {YearGroup}: {_year.Sheets.Count} sheets, {_year.Sheets.Sum(s => s.Rows.Count)} rows, {_renderer.Render(_year).Length:N0} bytes");
    }

    [Benchmark(Description = "year group workbook: model")]
    public ProgressWorkbook YearGroupModel() => SubjectWorkbook.ForYearGroup(_input, YearGroup);

    [Benchmark(Description = "subject workbook: model")]
    public ProgressWorkbook SubjectModel() => SubjectWorkbook.ForSubject(_input, Subject);

    [Benchmark(Description = "year group workbook: .xlsx")]
    public int YearGroupXlsx() => _renderer.Render(_year).Length;

    [Benchmark(Description = "subject workbook: .xlsx")]
    public int SubjectXlsx() => _renderer.Render(_subject).Length;
}
