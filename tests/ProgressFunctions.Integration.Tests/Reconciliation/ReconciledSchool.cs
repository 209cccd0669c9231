using System.Collections.Concurrent;
using System.Globalization;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.Integration.Tests.Reports;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>A generated school put through the real jobs on the embedded store, with its export files, stored snapshots and sent PDFs.</summary>
/// <remarks>
/// The generator is used through its entry point (<see cref="SchoolGenerator.Generate"/>) and the files it writes; the
/// primary school's export gets Year 6 KS2 test scaled scores (and a later teacher-assessment drop in reading) added
/// by this fixture, as an MIS export carries them after results day. Built once per phase (<see cref="ReconciliationSchools"/>).
/// </remarks>
internal sealed class ReconciledSchool
{

    public required JobsFixture Jobs { get; init; }
    public required ExportRows Export { get; init; }
    public required DateOnly AsOf { get; init; }
    public required TermSnapshot Snapshot { get; init; }
    public TermSnapshot? Ks2 { get; init; }
    public required SchoolState State { get; init; }
    public required IReadOnlyDictionary<string, string> PdfText { get; init; }
    public required AlertDay Alerts { get; init; }

    /// <summary>The workbooks (.xlsx) sent beside the subject and year-group reports, by blob name.</summary>
    public required IReadOnlyDictionary<string, byte[]> Workbooks { get; init; }

    /// <summary>The data date of the snapshot before <see cref="Snapshot"/>, which "change since last snapshot" counts from; null when there was none.</summary>
    public DateOnly? PreviousAsOf { get; init; }

    public Core.Reports.Routing.SchoolDirectory Directory => State.Directory();


    /// <summary>The text of a sent PDF whose file name ends with <paramref name="suffix"/>, whitespace collapsed to single spaces.</summary>
    public string Pdf(string suffix) => PdfOrNull(suffix) ?? throw new InvalidOperationException($"no PDF ending {suffix} was sent");

    /// <summary>As <see cref="Pdf"/>, or null when no such report was sent (a primary school has no subject leaders).</summary>
    public string? PdfOrNull(string suffix) => PdfText.SingleOrDefault(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;

    /// <summary>The primary school as of 14 July 2026 (after KS2 results day), the secondary as of 20 March 2026.</summary>
    /// <param name="phase">Which generated school.</param>
    /// <param name="edit">Changes to the export's files (in the folder given) before it is ingested, as a school's own export would differ.</param>
    public static async Task<ReconciledSchool> BuildAsync(SchoolPhase phase, Action<string>? edit = null)
    {
        var primary = phase == SchoolPhase.Primary;
        var asOf = primary ? new DateOnly(2026, 7, 14) : new DateOnly(2026, 3, 20);
        var school = SchoolGenerator.Generate(new GeneratorOptions(phase, primary ? 140 : 150, 11, asOf) { Urn = JobsFixture.School });
        var jobs = new JobsFixture(workbooks: new Infrastructure.Reports.Excel.ExcelWorkbookRenderer());
        var folder = Path.Combine(jobs.Directory, "export");
        System.IO.Directory.CreateDirectory(folder);
        CsvBundleWriter.Write(school, name => File.Create(Path.Combine(folder, name)));
        edit?.Invoke(folder);
        var zip = BundleZip.Create(System.IO.Directory.GetFiles(folder).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
        var ingest = await jobs.IngestAsync(zip);
        Assert.Equal(IngestOutcome.Stored, ingest.Outcome);
        var check = await jobs.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, asOf, CancellationToken.None);
        Assert.Equal(CheckOutcome.Checked, check.Outcome);
        var snapshots = await jobs.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, asOf, CancellationToken.None);
        await jobs.ReleaseAllAsync();
        var drained = await jobs.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(0, drained.Poisoned);

        var termId = snapshots.Taken.Last(id => !id.EndsWith("ks2results", StringComparison.Ordinal));
        var previousId = snapshots.Taken.Where(id => !id.EndsWith("ks2results", StringComparison.Ordinal)).SkipLast(1).LastOrDefault();
        var ks2Id = snapshots.Taken.SingleOrDefault(id => id.EndsWith("ks2results", StringComparison.Ordinal));
        return new ReconciledSchool
        {
            Jobs = jobs,
            Export = ExportRows.Read(folder),
            AsOf = asOf,
            Snapshot = (await SnapshotStore.LoadAsync(jobs.Context.Documents, JobsFixture.School, termId, CancellationToken.None))!,
            Ks2 = ks2Id is null ? null : await SnapshotStore.LoadAsync(jobs.Context.Documents, JobsFixture.School, ks2Id, CancellationToken.None),
            State = await SchoolState.LoadAsync(jobs.Context.Documents, jobs.Context.Clock, JobsFixture.School, CancellationToken.None),
            PdfText = await PdfTextAsync(jobs),
            Workbooks = await WorkbooksAsync(jobs),
            PreviousAsOf = previousId is null ? null : (await SnapshotStore.LoadAsync(jobs.Context.Documents, JobsFixture.School, previousId, CancellationToken.None))!.AsOf,
            Alerts = (await jobs.Context.Documents.ReadAsync<AlertDay>(JobsFixture.School, DocumentTypes.AlertDay, CheckRun.IdFor(asOf, 1)))!.Body,
        };
    }

    private static async Task<Dictionary<string, byte[]>> WorkbooksAsync(JobsFixture jobs)
    {
        var workbooks = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var blob in jobs.Context.Blobs.ListAsync($"{JobResources.ReportsContainer}/{JobsFixture.School}/"))
        {
            if (blob.Path.Name.EndsWith(".xlsx", StringComparison.Ordinal))
            {
                await using var content = (await jobs.Context.Blobs.OpenReadAsync(blob.Path))!;
                using var bytes = new MemoryStream();
                await content.CopyToAsync(bytes);
                workbooks[blob.Path.Name] = bytes.ToArray();
            }
        }

        return workbooks;
    }

    private static async Task<Dictionary<string, string>> PdfTextAsync(JobsFixture jobs)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(jobs.Directory, "pdf");
        System.IO.Directory.CreateDirectory(folder);
        await foreach (var blob in jobs.Context.Blobs.ListAsync($"{JobResources.ReportsContainer}/{JobsFixture.School}/"))
        {
            // A batch's preview carries copies of a few reports as samples: the reports themselves are what is checked.
            if (!blob.Path.Name.EndsWith(".pdf", StringComparison.Ordinal) || blob.Path.Name.Contains("/batches/", StringComparison.Ordinal))
            {
                continue;
            }

            var file = Path.Combine(folder, texts.Count.ToString(CultureInfo.InvariantCulture) + ".pdf");
            await using (var content = (await jobs.Context.Blobs.OpenReadAsync(blob.Path))!)
            await using (var target = File.Create(file))
            {
                await content.CopyToAsync(target);
            }

            var text = PdfTools.Run("pdftotext", $"-layout -enc UTF-8 \"{file}\" -").Output;
            texts[blob.Path.Name] = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
        }

        return texts;
    }
}

/// <summary>The reconciled schools, each built on first use and shared by the tests of the class; removed afterwards.</summary>
public sealed class ReconciliationSchools : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ReconciledSchool>>> _built = new(StringComparer.Ordinal);

    internal Task<ReconciledSchool> For(SchoolPhase phase) =>
        _built.GetOrAdd(phase.ToString(), _ => new Lazy<Task<ReconciledSchool>>(() => ReconciledSchool.BuildAsync(phase))).Value;

    /// <summary>The secondary school with the changes of <see cref="EditedSchool"/> made to its export.</summary>
    internal Task<ReconciledSchool> Edited() =>
        _built.GetOrAdd("edited", _ => new Lazy<Task<ReconciledSchool>>(() => ReconciledSchool.BuildAsync(SchoolPhase.Secondary, EditedSchool.Apply))).Value;

    public void Dispose()
    {
        foreach (var school in _built.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            school.Value.Result.Jobs.Dispose();
        }
    }
}
