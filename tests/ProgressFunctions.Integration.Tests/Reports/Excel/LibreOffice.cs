using System.Diagnostics;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>LibreOffice Calc, headless: opens a workbook the way a person's spreadsheet program would and converts it.</summary>
/// <remarks>
/// Each conversion runs with its own profile folder, so parallel test runs never share LibreOffice's lock. A missing
/// <c>soffice</c> fails the test with the command that installs it (test.sh installs it when run as root).
/// </remarks>
internal static class LibreOffice
{
    private static readonly Lazy<string?> s_executable = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "soffice"))
            .FirstOrDefault(File.Exists));

    /// <summary>Converts <paramref name="file"/> to <paramref name="format"/> (e.g. <c>fods</c>, <c>pdf</c>) and returns the new file's path.</summary>
    public static string Convert(string file, string format)
    {
        var soffice = s_executable.Value ?? throw new InvalidOperationException(
            "soffice (LibreOffice) is not on PATH: install it with 'apt-get install --no-install-recommends libreoffice-calc' (./test.sh does so as root).");
        var folder = TestFolders.NewPath("pf-lo-");
        var profile = Path.Combine(folder, "profile");
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(soffice,
            [$"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo", "--convert-to", format, "--outdir", folder, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soffice did not convert {Path.GetFileName(file)} to {format} in 3 minutes");
        }

        var name = Path.GetFileNameWithoutExtension(file) + "." + format.Split(':')[0];
        var converted = Path.Combine(folder, name);
        Assert.True(process.ExitCode == 0 && File.Exists(converted),
            $"soffice could not convert {Path.GetFileName(file)} to {format} (exit {process.ExitCode}): {output.Result} {errors.Result}");
        // Keep the result beside the workbook and drop the profile LibreOffice wrote.
        var kept = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, name);
        File.Move(converted, kept, overwrite: true);
        Directory.Delete(folder, recursive: true);
        return kept;
    }
}
