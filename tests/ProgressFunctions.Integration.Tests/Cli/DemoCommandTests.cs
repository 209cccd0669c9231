using ProgressFunctions.Cli.Commands;
using ProgressFunctions.Cli.Hosting;
using ProgressFunctions.Core.Schools;
using Spectre.Console;

namespace ProgressFunctions.Integration.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public async Task RunAsync_SmallSchool_LeavesReportsOutboxAlertsAndErrors()
    {
        var outDir = CliProcess.TempFolder();

        var (exit, text) = await RunDemo(outDir, pupils: 60, SchoolPhase.Secondary, seed: 7, new DateOnly(2026, 3, 20));

        Assert.Equal(0, exit);
        Assert.Contains("as of 2026-03-20 (2025/26)", text);
        Assert.Contains("Whole school", text);
        Assert.Contains("Time per phase", text);
        Assert.Contains("render and send", text);
        var stored = Directory.GetFiles(Path.Combine(outDir, "data", "blobs", "reports"), "*", SearchOption.AllDirectories);
        var copied = Directory.GetFiles(Path.Combine(outDir, "reports"));
        Assert.Equal(stored.Length, copied.Length);
        Assert.Equal(stored.Select(f => new FileInfo(f).Length).Order(), copied.Select(f => new FileInfo(f).Length).Order());
        Assert.Contains(copied, f => Path.GetFileName(f).StartsWith("attendance-digest-2026-03-20-S", StringComparison.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "outbox"), "*.eml"));
        Assert.True(File.Exists(Path.Combine(outDir, "outbox", "index.csv")));
        Assert.StartsWith("[", File.ReadAllText(Path.Combine(outDir, "alerts.json")).TrimStart());
        Assert.StartsWith("file,line,column,value,reason,severity", File.ReadAllText(Path.Combine(outDir, "import-errors.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "export", "school.json")));
    }

    [Fact]
    public async Task RunAsync_RunTwice_StartsFreshAndGivesTheSameAlerts()
    {
        var outDir = CliProcess.TempFolder();

        var (firstExit, firstText) = await RunDemo(outDir, 40, SchoolPhase.Primary, 3, new DateOnly(2025, 11, 14));
        var first = File.ReadAllText(Path.Combine(outDir, "alerts.json"));
        var emails = Directory.GetFiles(Path.Combine(outDir, "outbox"), "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var (secondExit, secondText) = await RunDemo(outDir, 40, SchoolPhase.Primary, 3, new DateOnly(2025, 11, 14));

        // Each run's own words in the failure: a difference between two runs is otherwise hard to explain afterwards.
        Assert.True(firstExit == 0 && secondExit == 0, firstText + secondText);
        Assert.Equal(first, File.ReadAllText(Path.Combine(outDir, "alerts.json")));
        Assert.Equal(emails, Directory.GetFiles(Path.Combine(outDir, "outbox"), "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task RunAsync_NoPupils_FailsWithMessage()
    {
        var (exit, text) = await RunDemo(CliProcess.TempFolder(), 0, SchoolPhase.Secondary, 1, new DateOnly(2025, 11, 14));

        Assert.Equal(2, exit);
        Assert.Contains("--pupils must be at least 1", text);
    }

    /// <summary>Runs the demo in this process into a plain 200-column console, for tests that read what it prints.</summary>
    internal static async Task<(int Exit, string Text)> RunDemo(string outDir, int pupils, SchoolPhase phase, int seed, DateOnly asOf)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 200;
        var exit = await DemoCommand.RunAsync(console, new StoreChoice(null, null), pupils, phase, seed, asOf, outDir, CancellationToken.None);
        return (exit, writer.ToString());
    }
}
