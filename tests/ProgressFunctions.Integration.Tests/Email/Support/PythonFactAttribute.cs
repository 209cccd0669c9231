using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ProgressFunctions.Integration.Tests.Email.Support;

/// <summary>A fact that needs <c>python3</c>; it is reported as skipped, with the reason, where python3 is missing.</summary>
internal sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Python.Executable is null)
        {
            Skip = "python3 is not on PATH, so the .eml files cannot be checked with an independent MIME parser.";
        }
    }
}

internal static class Python
{
    public static string? Executable { get; } = Find();

    /// <summary>Runs Fixtures/parse_eml.py on a file and returns the JSON it prints.</summary>
    public static JsonElement ParseEml(string emlPath)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Email", "Fixtures", "parse_eml.py");
        var start = new ProcessStartInfo(Executable!, [script, emlPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"parse_eml.py failed: {errors}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "python3"), Path.Combine(dir, "python3.exe") })
            .FirstOrDefault(File.Exists);
    }
}
