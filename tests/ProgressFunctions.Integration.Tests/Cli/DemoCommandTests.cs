using ProgressFunctions.Cli.Commands;
using ProgressFunctions.Core.Schools;
using Spectre.Console;

namespace ProgressFunctions.Integration.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public void Run_SmallSchool_PrintsAsOfCohortBandsAndPupils()
    {
        var (exit, text) = RunDemo(pupils: 120, SchoolPhase.Primary, seed: 7, new DateOnly(2026, 3, 20));

        Assert.Equal(0, exit);
        Assert.Contains("as of 2026-03-20 (2025/26)", text);
        Assert.Contains("Whole school", text);
        Assert.Contains("Reception", text);
        Assert.Contains("50% and below (severe absence)", text);
        Assert.Contains("Pupils to look at", text);
    }

    [Fact]
    public void Run_SameSeedAndDate_SameOutputFigures()
    {
        var date = new DateOnly(2025, 11, 14);

        var first = Figures(RunDemo(80, SchoolPhase.Secondary, 3, date).Text);
        var second = Figures(RunDemo(80, SchoolPhase.Secondary, 3, date).Text);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_NoPupils_FailsWithMessage()
    {
        var (exit, text) = RunDemo(0, SchoolPhase.Secondary, 1, new DateOnly(2025, 11, 14));

        Assert.Equal(2, exit);
        Assert.Contains("--pupils must be at least 1", text);
    }

    private static (int Exit, string Text) RunDemo(int pupils, SchoolPhase phase, int seed, DateOnly asOf)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 200;
        var exit = DemoCommand.Run(console, pupils, phase, seed, asOf);
        return (exit, writer.ToString());
    }

    // Everything but the timing line, which varies from run to run.
    private static string Figures(string text) => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("Generated", StringComparison.Ordinal)));
}
