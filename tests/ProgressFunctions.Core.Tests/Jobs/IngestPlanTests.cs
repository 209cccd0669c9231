using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Jobs;

public sealed class IngestPlanTests
{
    private static readonly DateTimeOffset s_exportedAt = new(2026, 3, 20, 18, 0, 0, TimeSpan.Zero);

    private static readonly SchoolState s_nothingStored = new(
        "s1", null, new Dictionary<string, PupilRecord>(), new Dictionary<string, Contact>(), new StaffDirectory([], []),
        new Dictionary<string, PupilProgress>(), []);

    [Fact]
    public void For_ResultsGivenInAnyOrder_StoredBySubjectThenDateThenPoint()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 40, 5, new DateOnly(2026, 3, 20)));
        var export = BundleReader.Read(new MemoryBundleSource(Imports.TestFiles.Write(school)));
        // Reversed, so that no order of the file survives; points sort otherwise than their dates ("Autumn 1" before "Baseline").
        var reversed = export with { Assessments = [.. export.Assessments.Reverse()] };

        var plan = IngestPlan.For(s_nothingStored, reversed, schoolJson: null, s_exportedAt, storedShared: null);

        Assert.NotEmpty(plan.Progress);
        Assert.All(plan.Progress, progress => Assert.Equal(
            export.Assessments.Where(r => r.PupilId == progress.PupilId)
                .OrderBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.Date).ThenBy(r => r.Point, StringComparer.Ordinal),
            progress.Results));
        Assert.Contains(plan.Progress, p => p.Results.Select(r => r.Point).Order(StringComparer.Ordinal).SequenceEqual(p.Results.Select(r => r.Point)) is false);
    }
}
