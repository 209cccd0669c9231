using ProgressFunctions.Integration.Tests.Storage.Embedded;

namespace ProgressFunctions.Integration.Tests;

/// <summary>Entry point when this assembly is started as a helper process by a test (the test runner does not use it).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        [CrashWriter.Command, string directory] => await CrashWriter.RunAsync(directory),
        _ => 2,
    };
}
