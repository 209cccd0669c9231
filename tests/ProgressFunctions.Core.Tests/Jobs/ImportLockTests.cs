using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Core.Tests.Jobs;

public sealed class ImportLockTests
{
    private static ImportLockState HeldUntil(string instant, ImportRef? writing = null) =>
        ImportLockState.Free with { Holder = "a stopped import", HeldUntil = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Writing = writing };

    /// <remarks>20 March 2026 is in GMT: 14:31:20 UTC is 14:31:20 in England, said as 14:32 so that "after then" is after it.</remarks>
    [Fact]
    public void Importing_LockHeldByAStoppedImportInWinter_SaysWhenTheLockExpiresRoundedUp()
    {
        var busy = SchoolBusyException.Importing("100001", HeldUntil("2026-03-20T14:31:20Z"), DateTimeOffset.Parse("2026-03-20T14:18:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(
            "school 100001 is being imported: its import lock is held until 14:32 (time in England); try again when that import has finished, or, if no import is running (one was stopped), after 14:32",
            busy.Message);
    }

    [Fact]
    public void Importing_LockHeldInSummerWhileWriting_SaysTheLocalTimeInBstAndTheExport()
    {
        var busy = SchoolBusyException.Importing("100001", HeldUntil("2026-06-10T13:31:00Z", new ImportRef("ab", "friday.zip")), DateTimeOffset.Parse("2026-06-10T13:20:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.StartsWith("school 100001 is being imported (friday.zip): its import lock is held until 14:31 (time in England);", busy.Message);
    }

    /// <remarks>23:05 UTC on 10 June is 00:05 on 11 June in England, a day after "now" there (23:55 on 10 June).</remarks>
    [Fact]
    public void Importing_LockExpiresAfterMidnightInEngland_NamesTheDay()
    {
        var busy = SchoolBusyException.Importing("100001", HeldUntil("2026-06-10T23:05:00Z"), DateTimeOffset.Parse("2026-06-10T22:55:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains("held until 00:05 on 2026-06-11 (time in England)", busy.Message);
    }

    [Fact]
    public void Importing_LeaseAlreadyOver_SaysOnlyThatAnImportIsRunning()
    {
        var busy = SchoolBusyException.Importing("100001", HeldUntil("2026-03-20T14:31:20Z"), DateTimeOffset.Parse("2026-03-20T14:40:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("school 100001 is being imported now; try again when that import has finished", busy.Message);
    }
}
