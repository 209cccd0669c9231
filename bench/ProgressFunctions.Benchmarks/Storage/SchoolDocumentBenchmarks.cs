using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Storage;

/// <summary>A stored 1,500-pupil secondary school on the embedded store, read and written as the jobs do: the whole
/// school loaded (<see cref="SchoolState.LoadAsync"/>), every document of one type listed, and the progress documents
/// committed again. Reported, no target: these are the load of every check and snapshot and the ingest's commit.</summary>
/// <remarks>The school is ingested once per benchmark through <see cref="IngestJob"/> from its CSV bundle, so the store
/// holds exactly what an ingest writes; the commit replaces the same rows with the same bodies.</remarks>
[MemoryDiagnoser]
public class SchoolDocumentBenchmarks
{
    private const string School = "100001";
    private static readonly DateOnly s_asOf = new(2026, 3, 13);
    private string _directory = "";
    private EmbeddedStorage _storage = null!;
    private IReadOnlyList<DocumentWrite> _progress = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "progress-bench-" + Guid.NewGuid().ToString("N"));
        _storage = EmbeddedStorage.Open(_directory);
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, StorageSamples.Pupils, 2026, s_asOf) { Urn = School });
        var zip = BundleZip.Capture(create => CsvBundleWriter.Write(school, create));
        var ingest = new IngestJob(_storage.Documents, _storage.Blobs, new OutgoingStore(_storage.Documents, _storage.Queue),
            TimeProvider.System, JobProgress.None, NullLogger<IngestJob>.Instance);
        var result = ingest.RunAsync(School, "export.zip", new MemoryStream(zip), CancellationToken.None).GetAwaiter().GetResult();
        if (result.Outcome != IngestOutcome.Stored)
        {
            throw new InvalidOperationException($"The synthetic school did not ingest: {result.Message}");
        }

        _progress = [.. _storage.Documents.ListAsync<PupilProgress>(School, DocumentTypes.Progress).ToBlockingEnumerable()
            .Select(d => DocumentWrite.Of(d.Type, d.Id, d.Body))];
        Console.WriteLine($"// {ListPupils():N0} pupils, {ListContacts():N0} contacts, {_progress.Count:N0} progress documents, {ListAttendance():N0} attendance years");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "List the pupil documents")]
    public int ListPupils() => Count<PupilRecord>(DocumentTypes.Pupil);

    [Benchmark(Description = "List the contact documents")]
    public int ListContacts() => Count<Contact>(DocumentTypes.Contact);

    [Benchmark(Description = "List the progress documents")]
    public int ListProgress() => Count<PupilProgress>(DocumentTypes.Progress);

    [Benchmark(Description = "List the attendance-year documents")]
    public int ListAttendance() => Count<AttendanceYear>(DocumentTypes.Attendance);

    [Benchmark(Description = "Load the whole school (SchoolState.LoadAsync)")]
    public async Task<int> LoadSchool() =>
        (await SchoolState.LoadAsync(_storage.Documents, TimeProvider.System, School, CancellationToken.None)).Pupils.Count;

    [Benchmark(Description = "Commit the school's progress documents")]
    public Task CommitProgress() => _storage.Documents.CommitAsync(School, _progress);

    private int Count<T>(string type) => _storage.Documents.ListAsync<T>(School, type).ToBlockingEnumerable().Count();
}
