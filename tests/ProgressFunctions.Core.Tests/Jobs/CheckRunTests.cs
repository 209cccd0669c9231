using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Core.Tests.Jobs;

public sealed class CheckRunTests
{
    private static readonly DateOnly s_day = new(2026, 3, 20);

    [Theory]
    // No run yet: the first run, whatever the register holds.
    [InlineData(new int[0], 0, 1)]
    [InlineData(new int[0], 300, 1)]
    // The morning run saw no marks; today's export has since brought them: run 2.
    [InlineData(new[] { 0 }, 600, 2)]
    // Nothing new since the last run: no run.
    [InlineData(new[] { 0 }, 0, null)]
    [InlineData(new[] { 0, 600 }, 600, null)]
    // The afternoon marks arrive after the second run: run 3.
    [InlineData(new[] { 0, 300 }, 600, 3)]
    public void Next_RunsAndMarksToday_RunsAgainOnlyWhenTodaysMarksGrew(int[] marked, int markedNow, int? expected)
    {
        var runs = marked.Select((m, i) => new CheckRun(s_day, 300, 5, 2) { Run = i + 1, SessionsMarkedToday = m }).ToList();
        Assert.Equal(expected, CheckRun.Next(runs, markedNow));
    }

    [Theory]
    [InlineData(1, "2026-03-20")]
    [InlineData(2, "2026-03-20.2")]
    public void IdFor_Run_FirstIsTheDate(int run, string expected) => Assert.Equal(expected, CheckRun.IdFor(s_day, run));
}
