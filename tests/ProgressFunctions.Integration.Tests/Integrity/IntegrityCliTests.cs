using ProgressFunctions.Integration.Tests.Cli;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>The same faults as a data manager meets them: through the <c>progress</c> program, its messages and exit codes.</summary>
public class IntegrityCliTests
{
    [Fact]
    public void Validate_SharedPupilAndContactIds_ErrorsNameBothRowsAndExitOne()
    {
        var folder = CliProcess.TempFolder();
        var export = IntegrityRun.NewExport(pupils: 12);
        export.Pupils.Set(3, "Pupil ID", export.Pupils.Get(1, "Pupil ID"));
        var other = export.Contacts.Where("Pupil UPN", export.Pupils.Get(5, "UPN")).First();
        export.Contacts.Set(other, "Contact ID", export.Contacts.Get(0, "Contact ID"));
        export.WriteFolder(Path.Combine(folder, "export"));

        var (exit, output, _) = CliProcess.Run(folder, "validate", "export");

        Assert.Equal(1, exit);
        Assert.Contains($"pupils.csv:5:Pupil ID: Pupil ID {export.Pupils.Get(1, "Pupil ID")} is also used on line 3", output);
        Assert.Contains($"Contact ID {export.Contacts.Get(0, "Contact ID")} is also used on line 2 for a different person", output);
    }

    [Fact]
    public void Ingest_IdWithASlash_StoresTheRestAndExitsOneForRowErrors()
    {
        var folder = CliProcess.TempFolder();
        var export = IntegrityRun.NewExport(pupils: 12);
        export.Pupils.Set(2, "Pupil ID", "p/2");
        export.WriteFolder(Path.Combine(folder, "export"));

        var (exit, output, error) = CliProcess.Run(folder, "ingest", "export", "--school", "100001");
        var (checkExit, checkOutput, _) = CliProcess.Run(folder, "snapshot", "--school", "100001", "--term", "autumn", "--point", "start", "--as-of", "2025-12-05");

        Assert.True(exit == 1, output + error);
        Assert.Contains("11 pupils added", output);
        Assert.Contains("started a new store", output);
        Assert.Equal(0, checkExit);
        Assert.Contains("1 snapshots taken", checkOutput);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("100 001")]
    public void Ingest_SchoolIdOutsideTheRule_ExitTwoBeforeAnythingIsStored(string school)
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 5).WriteFolder(Path.Combine(folder, "export"));

        var (exit, _, error) = CliProcess.Run(folder, "ingest", "export", "--school", school);

        Assert.Equal(2, exit);
        Assert.Contains("--school", error);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")));
    }

    [Fact]
    public void Ingest_ExportOfAnotherSchool_ExitTwoWithWhatToDo()
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 5).WriteFolder(Path.Combine(folder, "export"));

        var (exit, output, _) = CliProcess.Run(folder, "ingest", "export", "--school", "100002");

        Assert.Equal(2, exit);
        Assert.Contains("school.json is for URN 100001, not school 100002: store it under --school 100001", output);
    }

    [Theory]
    [InlineData("empty", "is empty (0 bytes)")]
    [InlineData("garbage", "is not a SQLite database")]
    public void RunDue_DamagedStoreFile_ExitTwoAndTheFileIsLeftAsItIs(string damage, string expected)
    {
        var folder = CliProcess.TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        var bytes = damage == "empty" ? [] : "this is not a database, it is notes"u8.ToArray();
        File.WriteAllBytes(Path.Combine(data, "progress.db"), bytes);

        var (exit, _, error) = CliProcess.Run(folder, "run-due", "--data", data, "--as-of", "2025-12-05");

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(data, "progress.db")));
    }

    [Theory]
    [InlineData("run-due")]
    [InlineData("dispatch")]
    [InlineData("check-attendance", "--school", "100001")]
    public void JobCommand_DataFolderWithoutAStore_ExitTwoAndNothingCreated(params string[] command)
    {
        var folder = CliProcess.TempFolder();

        var (exit, _, error) = CliProcess.Run(folder, [.. command, "--data", "elsewhere"]);

        Assert.Equal(2, exit);
        Assert.Contains("there is no store in", error);
        Assert.False(File.Exists(Path.Combine(folder, "elsewhere", "progress.db")));
    }

    [Fact]
    public void Ingest_MissingPath_ExitTwo()
    {
        var (exit, _, error) = CliProcess.Run(CliProcess.TempFolder(), "ingest", "no-such-folder", "--school", "100001");

        Assert.Equal(2, exit);
        Assert.Contains("no-such-folder does not exist", error);
    }
}
