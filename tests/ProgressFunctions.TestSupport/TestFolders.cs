using System.Diagnostics;

namespace ProgressFunctions.TestSupport;

/// <summary>
/// The folders and files tests write: all under one folder per test process, removed when the process ends.
/// </summary>
/// <remarks>
/// A test that deletes its own folder on dispose still leaves it behind when an assertion fails first, a file is
/// still open, or a fixture is never disposed; a test run used to leave about 100 MB in the system's temporary folder,
/// and CI machines and developers' disks filled up run by run. One root per process is removed whatever the tests did:
/// at exit when the process ends normally, and otherwise (the test runner kills its test hosts when a run is over) by
/// <c>test.sh</c> after the run, or by the next test process, which removes every root whose process is gone.
/// </remarks>
public static class TestFolders
{
    private const string RootPrefix = "progress-tests-";

    private static readonly Lazy<string> s_root = new(CreateRoot);

    /// <summary>This process's folder: <c>{temp}/progress-tests-{process id}</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>A new, empty folder of its own, named <c>{name}{unique}</c>.</summary>
    public static string New(string name) => Directory.CreateDirectory(NewPath(name)).FullName;

    /// <summary>A path of its own for a folder or file, named <c>{name}{unique}{extension}</c>, not yet created.</summary>
    public static string NewPath(string name, string extension = "") =>
        Path.Combine(Root, name + Guid.NewGuid().ToString("N") + extension);

    private static string CreateRoot()
    {
        RemoveAbandoned();
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), RootPrefix + Environment.ProcessId)).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }

    private static void RemoveAbandoned()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(folder).AsSpan(RootPrefix.Length), out var processId) && !IsRunning(processId))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Never fail a test run over a folder left behind; the next run removes it.
    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
