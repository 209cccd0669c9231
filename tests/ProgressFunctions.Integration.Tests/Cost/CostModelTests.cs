using ProgressFunctions.Core.Jobs.Stored;
using Xunit.Abstractions;

namespace ProgressFunctions.Integration.Tests.Cost;

/// <summary>Holds docs/cost.md to what the jobs do: the documents and bytes each step reads and writes per pupil (or
/// per report) stay within the figures the cost model is built on.</summary>
/// <remarks>Sizes are those of a synthetic secondary school in November (the model's table says how they grow over the
/// year). The figures printed are the ones docs/cost.md quotes.</remarks>
public sealed class CostModelTests(ITestOutputHelper output)
{
    private static readonly DateOnly s_friday = new(2025, 11, 14);
    private static readonly DateOnly s_monday = new(2025, 11, 17);

    [Fact]
    public async Task DailyCheck_PlainSchoolDay_StaysWithinTheModel()
    {
        const int pupils = 150;
        using var scenario = new CostScenario();
        await scenario.ImportAsync(pupils, s_friday);
        await scenario.CheckAsync(s_friday);
        await scenario.ImportAsync(pupils, s_monday);

        var check = await scenario.CheckAsync(s_monday);

        output.WriteLine(CostFigures.Describe(check, pupils, "pupil"));
        Assert.InRange(check.DocumentsRead / (double)pupils, 4, 5.5);
        Assert.InRange(check.BytesRead / 1024.0 / pupils, 3, 11);
        Assert.InRange(check.DocumentsWritten / (double)pupils, 0, 0.2);
        Assert.InRange(check.Requests / (double)pupils, 0, 1);
        Assert.InRange(check.Units / pupils, 3, 10);
        // Only the alert states the day raised are written, not every stored one.
        Assert.InRange(check.Calls.Where(c => c.Type == DocumentTypes.AlertState && c.Operation == DocumentOperation.Write).Sum(c => c.Documents), 0, pupils / 5);
    }

    [Fact]
    public async Task SchoolDays_ImportCheckSnapshotAndDispatch_StayWithinTheModel()
    {
        const int pupils = 300;
        using var scenario = new CostScenario();
        var firstImport = await scenario.ImportAsync(pupils, s_friday);
        await scenario.CheckAsync(s_friday);
        var snapshot = await scenario.SnapshotJobAsync(s_friday);
        var staff = await scenario.DispatchAsync(release: false);
        var staffSent = await scenario.SentAsync();
        var parents = await scenario.DispatchAsync(release: true);
        var parentsSent = await scenario.SentAsync() - staffSent;
        var import = await scenario.ImportAsync(pupils, s_monday);
        var plan = await scenario.PlanAsync(s_monday);
        var check = await scenario.CheckAsync(s_monday);
        var noSnapshot = await scenario.SnapshotJobAsync(s_monday);
        var digests = await scenario.DispatchAsync(release: false);
        var digestsSent = await scenario.SentAsync() - staffSent - parentsSent;

        foreach (var (step, per, unit) in new[]
        {
            (firstImport, pupils, "pupil"), (snapshot, pupils, "pupil"), (staff, staffSent, "e-mail"), (parents, parentsSent, "e-mail"),
            (import, pupils, "pupil"), (plan, 1, "firing"), (check, pupils, "pupil"), (noSnapshot, pupils, "pupil"), (digests, digestsSent, "e-mail"),
        })
        {
            output.WriteLine(CostFigures.Describe(step, per, unit));
        }

        Assert.InRange(snapshot.Units / pupils, 5, 20);
        Assert.InRange(parents.Units / parentsSent, 5, 30);
        Assert.InRange(parents.StorageTransactions / (double)parentsSent, 2, 4);
        Assert.InRange(import.Units / pupils, 5, 30);
        Assert.InRange(plan.Units, 1, 10);
        Assert.InRange(check.Units / pupils, 3, 10);
        Assert.InRange(noSnapshot.Units / pupils, 0, 10);
    }
}
