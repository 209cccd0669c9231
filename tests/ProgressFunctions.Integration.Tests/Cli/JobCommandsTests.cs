using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Integration.Tests.Cli;

public class JobCommandsTests
{
    [Fact]
    public void Ingest_GoodFolderThenSameAgainThenGarbage_ExitCodesAndMessages()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", "export").ExitCode);

        var first = CliProcess.Run(folder, "ingest", "export", "--school", "100001");
        var again = CliProcess.Run(folder, "ingest", "export", "--school", "100001");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an export");
        var garbage = CliProcess.Run(folder, "ingest", "notes.txt", "--school", "100001");

        Assert.Equal(0, first.ExitCode);
        // The folder is named as given, not as the zip it is packed into to be read.
        Assert.Contains("export: 20 pupils added", first.Output);
        Assert.DoesNotContain("export.zip", first.Output);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already imported", again.Output);
        Assert.Equal(2, garbage.ExitCode);
        Assert.Contains("notes.txt is neither a zip archive", garbage.Output);
        var reason = Assert.Single(garbage.Output.Split('\n'), l => l.StartsWith("why it was not imported: ", StringComparison.Ordinal))["why it was not imported: ".Length..].Trim();
        Assert.StartsWith(Path.Combine(folder, "data", "blobs", "mis-exports-rejected"), reason, StringComparison.Ordinal);
        Assert.True(File.Exists(reason), reason);
        Assert.True(File.Exists(Path.Combine(folder, "data", "progress.db")));
    }

    /// <summary>Monday's and Tuesday's exports zipped together: refused whole, with what to do, and nothing stored.</summary>
    [Fact]
    public void Ingest_ZipOfTwoExports_ExitTwoNothingStored()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", Path.Combine("both", "monday")).ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", Path.Combine("both", "tuesday")).ExitCode);
        System.IO.Compression.ZipFile.CreateFromDirectory(Path.Combine(folder, "both"), Path.Combine(folder, "both.zip"));

        var run = CliProcess.Run(folder, "ingest", "both.zip", "--school", "100001");
        var batches = CliProcess.Run(folder, "batches", "--school", "100001");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("both.zip holds more than one export: '", run.Output + run.Error);
        Assert.Contains("Put each export in a zip of its own and import them one at a time, the older first", run.Output + run.Error);
        Assert.Contains("the store has no school 100001", batches.Error);
    }

    /// <summary>A warning about a whole file is printed on screen, not only written to the errors file that nobody opens.</summary>
    [Fact]
    public void Ingest_FileUnderAnotherName_WarningOnScreen()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", "export").ExitCode);
        File.Move(Path.Combine(folder, "export", "behaviour.csv"), Path.Combine(folder, "export", "behavior.csv"));

        var run = CliProcess.Run(folder, "ingest", "export", "--school", "100001");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  behaviour.csv: warning: export has no behaviour.csv", run.Output);
    }

    /// <summary>The rows ingest refuses are said on screen, a few of each kind, not only counted.</summary>
    [Fact]
    public void Ingest_DuplicateUpn_RowErrorsOnScreen()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", "export").ExitCode);
        var pupils = Path.Combine(folder, "export", "pupils.csv");
        var lines = File.ReadAllLines(pupils);
        var header = lines[0].Split(',');
        var (upn, first, second) = (Array.IndexOf(header, "UPN"), lines[1].Split(','), lines[2].Split(','));
        second[upn] = first[upn];
        lines[2] = string.Join(',', second);
        File.WriteAllLines(pupils, lines);

        var run = CliProcess.Run(folder, "ingest", "export", "--school", "100001");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"  pupils.csv:2:UPN: UPN {first[upn]} is also used on line 3: neither row is imported", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  pupils.csv:3:UPN: UPN {first[upn]} is also used on line 2: neither row is imported", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--all", run.Output, StringComparison.Ordinal);
    }

    /// <summary>validate --school finds what only the store shows, as ingest would: two pupils' UPNs swapped between exports.</summary>
    [Fact]
    public void Validate_AgainstTheStore_FindsWhatTheFilesAloneCannot()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", "export").ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, "ingest", "export", "--school", "100001").ExitCode);
        var pupils = Path.Combine(folder, "export", "pupils.csv");
        var lines = File.ReadAllLines(pupils);
        var (upn, id) = (Array.IndexOf(lines[0].Split(','), "UPN"), Array.IndexOf(lines[0].Split(','), "Pupil ID"));
        var (first, second) = (lines[1].Split(','), lines[2].Split(','));
        (first[upn], second[upn]) = (second[upn], first[upn]);
        (lines[1], lines[2]) = (string.Join(',', first), string.Join(',', second));
        File.WriteAllLines(pupils, lines);

        var alone = CliProcess.Run(folder, "validate", "export");
        var againstStore = CliProcess.Run(folder, "validate", "export", "--school", "100001");
        var otherSchool = CliProcess.Run(folder, "validate", "export", "--school", "100002");

        Assert.Equal(0, alone.ExitCode);
        Assert.Equal(1, againstStore.ExitCode);
        Assert.Contains($"pupils.csv:2:Pupil ID: Pupil ID {first[id]} is stored for UPN {second[upn]} but this export gives it UPN {first[upn]}", againstStore.Output, StringComparison.Ordinal);
        // The export-wide warnings (KS4 pupils without targets) once each, as ingest lists them, not once per check.
        var targets = alone.Output.Split('\n').Count(l => l.Contains("no target in targets.csv", StringComparison.Ordinal));
        Assert.Equal(1, targets);
        Assert.Equal(targets, againstStore.Output.Split('\n').Count(l => l.Contains("no target in targets.csv", StringComparison.Ordinal)));
        Assert.Equal(2, otherSchool.ExitCode);
        Assert.Contains("ingest would refuse the whole export: the export's school.json is for URN 100001, not school 100002", otherSchool.Output, StringComparison.Ordinal);
        // Nothing was stored by validating: the export still imports with the same refusals.
        Assert.Equal(1, CliProcess.Run(folder, "ingest", "export", "--school", "100001").ExitCode);
    }

    /// <summary>A typo in a header is said on screen by validate and by ingest, with the column it is close to, not ignored.</summary>
    [Fact]
    public void ValidateAndIngest_HeaderWithATypo_WarningWithTheCloseColumnOnScreen()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", "export").ExitCode);
        var contacts = Path.Combine(folder, "export", "contacts.csv");
        var text = File.ReadAllText(contacts);
        var header = text[..text.IndexOf('\n', StringComparison.Ordinal)];
        File.WriteAllText(contacts, header.Replace("Restriction", "Restricton", StringComparison.Ordinal) + text[header.Length..]);

        var validate = CliProcess.Run(folder, "validate", "export");
        var ingest = CliProcess.Run(folder, "ingest", "export", "--school", "100001");

        const string typo = "contacts.csv:1:Restricton: warning: contacts.csv has a column 'Restricton' that the import does not know, so it is not read: did you mean 'Restriction'?";
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains(typo + Environment.NewLine, validate.Output, StringComparison.Ordinal);
        Assert.Contains("contacts.csv:1:Restriction: warning: contacts.csv has no Restriction column: the stored restriction of each contact is kept", validate.Output, StringComparison.Ordinal);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("  " + typo + Environment.NewLine, ingest.Output, StringComparison.Ordinal);
        // The school's first import: nothing stored to keep, so the data managers are told no contact is restricted.
        Assert.Contains("  contacts.csv:1:Restriction: warning: contacts.csv has no Restriction column and no contact is stored for this school yet: no contact is treated as restricted", ingest.Output, StringComparison.Ordinal);
    }

    /// <remarks>A store file cut short keeps SQLite's header, so only SQLite notices: the message names the file and what to do.</remarks>
    [Fact]
    public void Command_TruncatedStore_ExitTwoNamingTheFileAndTheBackupAndLeavingItAsItIs()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "30", "--phase", "secondary", "--as-of", "2026-03-20", "--out", "export").ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, "ingest", "export", "--school", "100001").ExitCode);
        var store = Path.Combine(folder, "data", "progress.db");
        Assert.False(File.Exists(store + "-wal") && new FileInfo(store + "-wal").Length > 0, "the store's changes were not all in progress.db");
        using (var file = new FileStream(store, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var size = new FileInfo(store).Length;
        var batches = CliProcess.Run(folder, "batches", "--school", "100001");
        var ingest = CliProcess.Run(folder, "ingest", "export", "--school", "100001");
        var runDue = CliProcess.Run(folder, "run-due", "--as-of", "2026-03-20");

        foreach (var (exit, _, error) in new[] { batches, ingest, runDue })
        {
            Assert.Equal(2, exit);
            Assert.Contains($"the store {store} is damaged (", error);
            Assert.Contains("and was left as it is: restore its folder from a backup (docs/configuration.md, \"Backing up the embedded store\")", error);
            Assert.DoesNotContain("   at ", error);
        }

        Assert.Equal(size, new FileInfo(store).Length);
    }

    [Fact]
    public void RunDue_AfterIngest_ChecksSnapshotsAndSends()
    {
        var folder = CliProcess.TempFolder();
        CliProcess.Run(folder, "generate", "--pupils", "15", "--phase", "primary", "--as-of", "2026-03-20", "--out", "export");
        CliProcess.Run(folder, "ingest", "export", "--school", "100001");

        var run = CliProcess.Run(folder, "run-due", "--as-of", "2026-03-20");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("100001 CheckAttendance: checked", run.Output);
        Assert.Contains("snapshots taken", run.Output);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "data", "outbox"), "*.eml"));
    }

    /// <summary>run-due while another process imports the school: exit 1, naming the steps not done and what to do.</summary>
    [Fact]
    public async Task RunDue_SchoolBeingImported_ExitOneNamingTheStepsToRunAgain()
    {
        var folder = CliProcess.TempFolder();
        CliProcess.Run(folder, "generate", "--pupils", "15", "--phase", "primary", "--as-of", "2026-03-20", "--out", "export");
        CliProcess.Run(folder, "ingest", "export", "--school", "100001");
        var storage = EmbeddedStorage.Open(Path.Combine(folder, "data"), create: false);
        var free = await storage.Documents.ReadAsync<ImportLockState>("100001", DocumentTypes.ImportLock, ImportLock.Id);
        await storage.Documents.UpsertAsync(free! with { Body = free.Body with { Holder = "another-import", HeldUntil = DateTimeOffset.UtcNow.AddMinutes(10), Writing = new ImportRef("cd34", "monday.zip") } });
        SqliteConnection.ClearAllPools();

        var run = CliProcess.Run(folder, "run-due", "--as-of", "2026-03-20");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("100001 CheckAttendance: school 100001 is being imported (monday.zip): its import lock is held until", run.Output);
        Assert.Contains("not done, as an import held the school (said above): 100001 CheckAttendance, 100001 TakeSnapshots; run progress run-due again once that import has finished", run.Output);
    }

    /// <summary>An attendance officer with no e-mail address: the check names them and exits 1, and not-sent --date lists what they were not sent.</summary>
    [Fact]
    public void CheckAttendance_AttendanceOfficerWithNoAddress_NamedExitOneAndListedByNotSent()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--as-of", "2026-03-20", "--out", "export").ExitCode);
        var staff = Path.Combine(folder, "export", "staff.csv");
        var lines = File.ReadAllLines(staff);
        var officer = Array.FindIndex(lines, l => l.EndsWith(",AttendanceOfficer", StringComparison.Ordinal));
        var cells = lines[officer].Split(',');
        cells[4] = "";
        lines[officer] = string.Join(',', cells);
        File.WriteAllLines(staff, lines);
        Assert.Equal(0, CliProcess.Run(folder, "ingest", "export", "--school", "100001").ExitCode);

        var check = CliProcess.Run(folder, "check-attendance", "--school", "100001", "--as-of", "2026-03-20");
        var listed = CliProcess.Run(folder, "not-sent", "--school", "100001", "--date", "2026-03-20", "--csv", "not-sent.csv");
        var neither = CliProcess.Run(folder, "not-sent", "--school", "100001");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"staff messages not sent (no e-mail address): {cells[0]} (", check.Output);
        Assert.Contains("call list", check.Output);
        // Alerts are counted by rule in words, not the rule's code name.
        Assert.Contains("  Attendance below a threshold: ", check.Output);
        Assert.DoesNotContain("AttendanceThreshold", check.Output);
        Assert.Equal(0, listed.ExitCode);
        var rows = File.ReadAllLines(Path.Combine(folder, "not-sent.csv"));
        Assert.Contains($"CallList.2026-03-20,CallList,{cells[0]},the member of staff has no valid e-mail address", rows);
        Assert.Contains(rows, r => r.StartsWith($"AttendanceDigest.2026-03-20,AttendanceDigest,{cells[0]},the member of staff has no valid e-mail address", StringComparison.Ordinal));
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("give either --batch", neither.Error);
    }

    [Theory]
    [InlineData("snapshot --school 100001 --term spring --point middle", "--point: 'middle' is not start or end")]
    [InlineData("snapshot --school 100001 --term winter --point end", "--term: 'winter' is not autumn, spring or summer")]
    [InlineData("demo --phase infant", "--phase: 'infant' is not primary or secondary")]
    [InlineData("dispatch --max 0", "--max must be 1 or more")]
    [InlineData("dispatch --max -5", "--max must be 1 or more")]
    [InlineData("dispatch --max abc", "Cannot parse argument 'abc' for option '--max'")]
    public void Command_WordNotOffered_ExitTwoWithTheWordsOffered(string arguments, string message)
    {
        var (exit, _, error) = CliProcess.Run(CliProcess.TempFolder(), arguments.Split(' '));

        Assert.Equal(2, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("ProgressFunctions.", error);
        Assert.DoesNotContain("Unhandled exception", error);
    }

    [Fact]
    public void Command_BadSetting_OneLineErrorWithoutStackTrace()
    {
        var folder = CliProcess.TempFolder();

        var azure = CliProcess.Run(folder, "dispatch", "--store", "azure");
        var verbose = CliProcess.Run(folder, "dispatch", "--store", "azure", "--verbose");

        Assert.Equal(2, azure.ExitCode);
        Assert.StartsWith("progress dispatch: ", azure.Error);
        Assert.Contains("AzureWebJobsStorage", azure.Error);
        Assert.DoesNotContain("   at ", azure.Error);
        Assert.Contains("   at ", verbose.Error);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("ingest")]
    [InlineData("check-attendance")]
    [InlineData("snapshot")]
    [InlineData("dispatch")]
    [InlineData("run-due")]
    [InlineData("bench")]
    [InlineData("validate")]
    [InlineData("generate")]
    [InlineData("codes")]
    [InlineData("upload")]
    [InlineData("batches")]
    [InlineData("hold")]
    [InlineData("release")]
    [InlineData("sent")]
    [InlineData("not-sent")]
    public void Help_EveryCommand_HasAnExample(string command)
    {
        var help = CliProcess.Run(CliProcess.TempFolder(), command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Example: progress " + command, help.Output);
    }

    /// <remarks>As of 30 November the latest report is the start-of-term one (data to 22 September): the demo says when fresher ones come.</remarks>
    [Fact]
    public void Demo_MidTerm_SaysItReleasedTheBatchAndWhenTheNextSnapshotIs()
    {
        var demo = CliProcess.Run(CliProcess.TempFolder(), "demo", "--pupils", "20", "--as-of", "2026-11-30", "--out", "out");

        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.Contains("batch parents-2026-27-autumn-start released:", demo.Output);
        Assert.Contains("at once; a school reviews each batch first", demo.Output);
        Assert.Contains("next snapshot: autumn term end, with data to 2026-12-04; progress demo --as-of 2026-12-05 shows its reports", demo.Output);
    }
}
