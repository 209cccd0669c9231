using System.Diagnostics;

namespace ProgressFunctions.TestSupport.Emulators;

/// <summary>Installs tools/emulators (npm ci) once, even when several test processes start at the same time.</summary>
public static class EmulatorPackages
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    public static string Directory { get; } = FindDirectory();

    public static async Task EnsureInstalledAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            if (IsInstalled())
            {
                return;
            }

            // A lock file shared with other processes: the first installs, the others wait and then find it done.
            using var fileLock = await AcquireLockAsync(Path.Combine(Directory, ".install.lock"), TimeSpan.FromMinutes(10));
            if (IsInstalled())
            {
                return;
            }

            var (exitCode, output) = await RunAsync("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(9));
            if (exitCode != 0 || !IsInstalled())
            {
                throw new InvalidOperationException($"`npm ci` in {Directory} failed (exit {exitCode}):\n{output}");
            }
        }
        finally
        {
            s_gate.Release();
        }
    }

    public static string PathOf(string relative) => Path.Combine(Directory, "node_modules", relative);

    private static bool IsInstalled() =>
        File.Exists(PathOf("azurite/dist/src/azurite.js")) && File.Exists(PathOf("@vercel/cosmosdb-server/lib/cli.js"));

    private static async Task<FileStream> AcquireLockAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tools", "emulators");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tools/emulators/package.json not found above {AppContext.BaseDirectory}.");
    }
}
