using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>Exports whose files were cut short by an interrupted copy or upload, or hold no rows: the store is left as it was, and the person importing is told.</summary>
public class IngestCutShortTests
{
    /// <remarks>The export is three weeks newer than the store, so the marks of the half before the cut would have changed it.</remarks>
    [Fact]
    public async Task RunAsync_AttendanceCsvCutInTheMiddleOfALine_FileRefusedAndStoredMarksKept()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2025, 11, 14))), "14-november.zip");
        var before = await Marks(fixture);
        var export = new Integrity.EditableExport(JobsFixture.Generate(pupils: 30));
        var line = export.CutInTheMiddle("attendance.csv");

        var result = await fixture.IngestAsync(export.Zip(), "cut.zip");

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(0, result.Summary!.MarksChanged);
        var error = Assert.Single(result.FileErrors);
        Assert.Equal("attendance.csv", error.File);
        Assert.StartsWith($"attendance.csv stops in the middle of line {line} (it has ", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.Errors);
        Assert.Equal(before, await Marks(fixture));
    }

    /// <remarks>
    /// A pupils.csv refused whole leaves no pupil to import the other files' rows against, so the export is refused whole,
    /// as for one whose dates are month first: the pupils after the cut are never taken off roll.
    /// </remarks>
    [Fact]
    public async Task RunAsync_PupilsCsvCutInTheMiddleOfALine_ExportRefusedAndNobodyLeaves()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var marks = await Marks(fixture);
        var export = new Integrity.EditableExport(school);
        var line = export.CutInTheMiddle("pupils.csv");

        var result = await fixture.IngestAsync(export.Zip(), "cut.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.StartsWith($"no pupil could be read from it (pupils.csv stops in the middle of line {line} (it has ", result.Message, StringComparison.Ordinal);
        Assert.Equal(before.Pupils.Values.Select(p => p.Pupil), after.Pupils.Values.Select(p => p.Pupil));
        Assert.Equal(0, after.Pupils.Values.Count(p => p.Pupil.LeavingDate is not null));
        Assert.Equal(marks, await Marks(fixture));
    }

    [Fact]
    public async Task RunAsync_PupilsCsvEmpty_TheRefusalNamesTheFile()
    {
        using var fixture = new JobsFixture();
        var export = new Integrity.EditableExport(JobsFixture.Generate(pupils: 10));
        export.Replace("pupils.csv", "");

        var result = await fixture.IngestAsync(export.Zip(), "empty.zip");

        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.StartsWith("no pupil could be read from it (pupils.csv is empty: expected a header row), so every other row would be refused: nothing was imported", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contacts.csv", "contacts.csv holds only its header, no rows: the contacts already stored are kept as they are. If the MIS holds contacts for the school, export contacts.csv again")]
    [InlineData("attendance.csv", "attendance.csv holds only its header, no rows: the attendance marks already stored are kept as they are. If the MIS holds attendance marks for the school, export attendance.csv again")]
    public async Task RunAsync_FileWithOnlyItsHeaderOnAStoreThatHoldsItsData_StoredKeptAndWarned(string file, string warning)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 20);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var marks = await Marks(fixture);
        var export = new Integrity.EditableExport(school);
        export.Tables[file].Rows.Clear();

        var result = await fixture.IngestAsync(export.Zip(), "header-only.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var said = Assert.Single(result.WarningsFirstToRead, i => i.File == file && i.Line == 0);
        Assert.Equal((warning, true), (said.Reason, said.TellDataManagers));
        Assert.Equal(said, result.WarningsFirstToRead[0]);
        Assert.Equal(before.Contacts.Count, after.Contacts.Count);
        Assert.Equal(before.Pupils.Values.Sum(p => p.Links.Count), after.Pupils.Values.Sum(p => p.Links.Count));
        Assert.Equal(marks, await Marks(fixture));
    }

    /// <summary>validate reads with the same readers as ingest: both say where the file stops, and ingest stores none of its marks.</summary>
    [Fact]
    public void ValidateAndIngest_AttendanceCsvCutInTheMiddleOfALine_BothSayWhereItStops()
    {
        var folder = Cli.CliProcess.TempFolder();
        Assert.Equal(0, Cli.CliProcess.Run(folder, "generate", "--pupils", "20", "--phase", "secondary", "--out", "export").ExitCode);
        var attendance = Path.Combine(folder, "export", "attendance.csv");
        var text = File.ReadAllText(attendance);
        var lineStart = text.LastIndexOf('\n', text.Length / 2) + 1;
        File.WriteAllText(attendance, text[..(lineStart + 16)]);
        var stops = $"attendance.csv: attendance.csv stops in the middle of line {text.AsSpan(0, lineStart).Count('\n') + 1} (it has 2 of its ";

        var validate = Cli.CliProcess.Run(folder, "validate", "export");
        var ingest = Cli.CliProcess.Run(folder, "ingest", "export", "--school", "100001");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains(stops, validate.Output, StringComparison.Ordinal);
        Assert.Contains("attendance.csv: 0 records read", validate.Output, StringComparison.Ordinal);
        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains("  not imported: " + stops, ingest.Output, StringComparison.Ordinal);
        Assert.Contains(" 0 marks changed", ingest.Output, StringComparison.Ordinal);
    }

    /// <summary>Every stored mark as text, to compare the store before and after.</summary>
    private static async Task<List<string>> Marks(JobsFixture fixture)
    {
        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        return [.. state.Registers(state.Calendar!).OrderBy(r => r.Key, StringComparer.Ordinal)
            .SelectMany(r => r.Value.Marks().Select(m => $"{r.Key} {m}"))];
    }
}
