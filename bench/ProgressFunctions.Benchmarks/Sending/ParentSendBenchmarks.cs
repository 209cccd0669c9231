using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Benchmarks.Sending;

/// <summary>
/// One parent report of a synthetic 1,500-pupil secondary (spring term), rendered alone and then rendered, stored and
/// e-mailed as dispatch does it: the PDF to the embedded blob store, the e-mail as a MIME file in the outbox. Both in
/// one run, so "send as a fraction of pure rendering" is the ratio of the two means (target at least 0.8), and the
/// Allocated column of the second is the allocation per parent report, model + PDF + e-mail (target under 0.4 MB).
/// </summary>
/// <remarks>
/// The report is built from the snapshot as the dispatcher builds it (its weekly rates, the school's scales), for a
/// different pupil on every invocation; every e-mail has its own key, so each is a new file and index row, and every
/// PDF its own blob name in one folder, as dispatch stores each report once in its term's folder (replacing a file
/// costs this machine's file system a millisecond or two more than writing a new one, which dispatch never pays, and
/// a folder per report would add a directory's creation to every send).
/// The benchmarks program's <c>parent-send-allocations</c> mode splits the Allocated figure by step.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(512)]
public class ParentSendBenchmarks
{
    private readonly PdfReportRenderer _renderer = new();
    private ParentSendSetup _setup = null!;
    private int _next;

    /// <summary>Where the store and outbox are: the temporary folder's disk, and a memory file system where the machine has one.</summary>
    /// <remarks>
    /// On the machine these figures come from, the disk is ext4 without a journal, where creating a file costs 0.4 to 0.9 ms
    /// of kernel time (it looks over recently deleted inodes before it reuses one) against 6 us in memory: a send
    /// creates two files, so its cost there is mostly the disk's. Both in one run show how much.
    /// </remarks>
    [ParamsSource(nameof(Folders))]
    public string Folder { get; set; } = "disk";

    public static IEnumerable<string> Folders() => Directory.Exists(MemoryFolder) ? ["disk", "memory"] : ["disk"];

    private const string MemoryFolder = "/dev/shm";

    [GlobalSetup]
    public void Setup() => _setup = new ParentSendSetup(Folder == "memory" ? MemoryFolder : null);

    /// <remarks>
    /// A run sends tens of thousands of reports; kept, they would make folders of that size (and, in memory, gigabytes
    /// of files), where a term's folder holds one school's reports. Cleared between iterations of 512 sends (the
    /// class's fixed invocation count), outside the measured time.
    /// </remarks>
    [IterationCleanup(Target = nameof(RenderStoreSend))]
    public void ClearSent() => _setup.ClearSent();

    [GlobalCleanup]
    public void Cleanup() => _setup.Dispose();

    [Benchmark(Baseline = true, Description = "parent report: model + PDF")]
    public int Render() => _renderer.Render(ParentReport.Build(_setup.Parents[_next++ % _setup.Parents.Length])).Length;

    [Benchmark(Description = "parent report: model + PDF + stored + e-mailed to the outbox")]
    public async Task<int> RenderStoreSend()
    {
        var n = _next++;
        var input = _setup.Parents[n % _setup.Parents.Length];
        var document = ParentReport.Build(input);
        var pdf = _renderer.Render(document);
        await _setup.Storage.Blobs.PutAsync(BlobPath.Parse($"reports/bench/{n}-{document.FileName}"), new MemoryStream(pdf), _renderer.ContentType);
        var receipt = await _setup.Outbox.SendAsync(_setup.Message(n, input, document, pdf), CancellationToken.None);
        return receipt.ProviderMessageIds.Count;
    }
}
