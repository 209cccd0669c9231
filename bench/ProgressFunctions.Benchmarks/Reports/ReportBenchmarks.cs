using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Reports;

/// <summary>
/// Reports for a synthetic 1,500-pupil secondary in the spring term (up to 8 subjects each, registers for the year so
/// far). Targets: at least 200 parent reports per second on one core, each under 150 KB; a 300-pupil year group
/// report in under 500 ms. One parent report per invocation: reports/s = 1 s / mean.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly DateOnly s_asOf = new(2026, 3, 13);
    private readonly PdfReportRenderer _renderer = new();
    private SyntheticSchool _school = null!;
    private TermSnapshot _snapshot = null!;
    private ParentReportInput[] _parents = [];
    private YearGroupReportInput _yearGroup = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, s_asOf));
        _snapshot = _school.Snapshot();
        var registers = _school.Registers.ToDictionary(r => r.PupilId, StringComparer.Ordinal);
        _parents = [.. _snapshot.Pupils.Select(p => ParentReportInput.For(_snapshot, p.PupilId, _school.Name, s_asOf, _school.Directory, "the school office") with
        {
            Register = registers[p.PupilId],
            Scales = _school.Profile.Scales,
        })];
        _yearGroup = new YearGroupReportInput(_school.Name, s_asOf, _snapshot, 9, _school.Directory);
        var sizes = _parents.Take(100).Select(p => _renderer.Render(ParentReport.Build(p)).Length).Order().ToList();
        var yearPdf = _renderer.Render(YearGroupReport.Build(_yearGroup));
        Console.WriteLine($"// parent report PDF bytes over 100 pupils: median {sizes[50]:N0}, max {sizes[^1]:N0}");
        Console.WriteLine($"// Year 9: {_snapshot.Pupils.Count(p => p.YearGroup == 9)} pupils, report PDF {yearPdf.Length:N0} bytes");
    }

    [Benchmark(Description = "parent report: model only")]
    public ReportDocument ParentModel() => ParentReport.Build(_parents[_next++ % _parents.Length]);

    [Benchmark(Description = "parent report: model + PDF")]
    public int ParentPdf() => _renderer.Render(ParentReport.Build(_parents[_next++ % _parents.Length])).Length;

    [Benchmark(Description = "year group report (300 pupils): model + PDF")]
    public int YearGroupPdf() => _renderer.Render(YearGroupReport.Build(_yearGroup)).Length;
}
