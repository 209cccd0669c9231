using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Progress.DefaultTargets;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Snapshots;

/// <summary>
/// The pure compute of a term snapshot for a synthetic 1,500-pupil secondary as of 20 March 2026 (spring term), with
/// its inputs built as the snapshot job builds them: default targets from the DfE matrices and the autumn snapshot as
/// the previous one. The inputs (registers included) are made once; only <see cref="SnapshotBuilder.Build(SnapshotInputs)"/> is timed.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBuildBenchmarks
{
    private static readonly DateOnly s_asOf = new(2026, 3, 20);
    private SnapshotInputs _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, s_asOf));
        var terms = school.Calendar.TermsOf(school.Options.Year);
        var spring = school.Calendar.TermOf(s_asOf)!;
        var autumn = terms.Last(t => t.End < spring.Start);
        SnapshotInputs InputsFor(Term term, DateOnly dataTo) =>
            school.SnapshotInputs(SnapshotKey.For(school.Profile.Urn, term, SnapshotPoint.End), dataTo) with { DefaultTargets = TransitionMatrices.Dfe2024 };

        var previous = SnapshotBuilder.Build(InputsFor(autumn, school.Calendar.SchoolDayBeforeEnd(autumn, 10)!.Value));
        _inputs = InputsFor(spring, s_asOf) with { Previous = previous };
        var snapshot = SnapshotBuilder.Build(_inputs);
        Console.WriteLine($"// {snapshot.Pupils.Count} pupils, {snapshot.Pupils.Sum(p => p.Subjects.Count)} subject entries, {snapshot.Cohorts.Count} cohorts, {snapshot.Issues.Count} issues");
    }

    [Benchmark(Description = "term snapshot, 1,500-pupil secondary")]
    public TermSnapshot Build() => SnapshotBuilder.Build(_inputs);
}
