using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Attendance;

/// <summary>
/// One school year of marks for a 1,500-pupil secondary (570,000 sessions): per-pupil totals plus patterns, every
/// per-pupil measure, and the cohort summary. Target: the whole school in under 50 ms on one core.
/// </summary>
[MemoryDiagnoser]
public class SchoolYearSummaryBenchmarks
{
    private static readonly DateOnly s_asOf = new(2026, 7, 16);   // the last pupil day of 2025/26
    private IReadOnlyList<PupilRegister> _registers = [];
    private AttendanceTotals[] _totals = [];

    [Params(1500)]
    public int Pupils { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registers = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, Pupils, 1, s_asOf) { IncludeProgress = false }).Registers;
        _totals = [.. _registers.Select(r => AttendanceMeasures.YearToDate(r, s_asOf))];
        var sessions = _registers.Sum(r => r.Marks().Count());
        Console.WriteLine($"// {Pupils} pupils, {sessions:N0} marked sessions");
    }

    [Benchmark(Description = "totals + patterns, whole school")]
    public int TotalsAndPatterns()
    {
        var found = 0;
        foreach (var register in _registers)
        {
            var totals = AttendanceMeasures.YearToDate(register, s_asOf);
            found += AbsencePatterns.Find(register, s_asOf, AttendanceRules.Default, totals).Count;
        }

        return found;
    }

    [Benchmark(Description = "every per-pupil measure, whole school")]
    public int Summarise()
    {
        var persistent = 0;
        foreach (var register in _registers)
        {
            persistent += AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).YearToDate.IsPersistentAbsence ? 1 : 0;
        }

        return persistent;
    }

    [Benchmark(Description = "cohort summary, whole school")]
    public CohortSummary Cohort() => CohortSummary.Of("school", _totals);
}
