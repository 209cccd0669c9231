using System.Diagnostics;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Cli;

/// <summary>Runs the built <c>progress</c> program as a person would, in a folder of its own.</summary>
internal static class CliProcess
{
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Runs with these environment variables set, as a person configures the CLI for Azure.</summary>
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "progress.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI must not pick up a developer's own settings.
        start.Environment.Remove("Progress__Store");
        start.Environment.Remove("Email__Provider");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public static string TempFolder() => TestFolders.New("pf-cli-");
}
