using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using QueueMessage = Azure.Storage.Queues.Models.QueueMessage;
using Microsoft.Azure.Functions.Worker;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;
using ProgressFunctions.FunctionApp.Functions;

namespace ProgressFunctions.FunctionApp.Tests.Functions;

/// <summary>The functions, created from the app's own service provider, carry an export from blob to e-mail on Azurite
/// and the Cosmos test server. The host's part (reading the trigger's blob or message, writing the timer's output
/// messages) is played by Microsoft's own Storage clients, configured as host.json configures the host: base64.</summary>
public sealed class FunctionChainTests(FunctionAppFixture app) : IClassFixture<FunctionAppFixture>
{
    private const string School = "100001";

    [Fact]
    public async Task Chain_ExportBlobToEmails_EveryFunctionDoesItsPart()
    {
        var blobs = new BlobServiceClient(app.StorageConnection);
        var exports = blobs.GetBlobContainerClient(JobResources.ExportsContainer);
        await exports.CreateIfNotExistsAsync();
        var export = exports.GetBlobClient($"{School}/export.zip");
        await export.UploadAsync(new BinaryData(Export()), overwrite: true);

        // IngestMisExport: both triggers (the Event Grid one and its polling twin) run the same idempotent ingest.
        var ingest = app.Create<IngestMisExport>();
        await using (var stream = await export.OpenReadAsync())
        {
            await ingest.RunPollingAsync(stream, School, "export.zip", CancellationToken.None);
        }

        await using (var stream = await export.OpenReadAsync())
        {
            await ingest.RunAsync(stream, School, "export.zip", CancellationToken.None);
        }

        var jobs = app.Create<ScheduleSchoolJobs>();
        var planned = await jobs.RunAsync(new TimerInfo(), CancellationToken.None);
        Assert.Contains(planned, m => m.Contains(School, StringComparison.Ordinal));
        var schoolJobs = Queue(JobResources.SchoolJobsQueue);
        await schoolJobs.CreateIfNotExistsAsync();
        foreach (var message in planned)
        {
            await schoolJobs.SendMessageAsync(message);
        }

        var run = app.Create<RunSchoolJob>();
        int ran = await DeliverAllAsync(schoolJobs, m => run.RunAsync(m, CancellationToken.None));
        Assert.Equal(planned.Length, ran);

        var dispatch = app.Create<DispatchReport>();
        var requests = new List<string>();
        int dispatched = await DeliverAllAsync(Queue(JobResources.ReportRequestsQueue), m =>
        {
            requests.Add(m.Body.ToString());
            return dispatch.RunAsync(m, CancellationToken.None);
        });
        Assert.True(dispatched > 0, "RunSchoolJob queued no report requests.");

        var emails = Directory.GetFiles(app.OutboxDirectory, "*.eml");
        Assert.NotEmpty(emails);
        Assert.True(await blobs.GetBlobContainerClient(JobResources.ReportsContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = School + "/" }).AnyAsync());

        // A redelivered report request sends nothing twice.
        int before = emails.Length;
        var again = QueuesModelFactory.QueueMessage("again", "receipt", requests[0], 2);
        await dispatch.RunAsync(again, CancellationToken.None);
        Assert.Equal(before, Directory.GetFiles(app.OutboxDirectory, "*.eml").Length);

        // Each job, resolved from the app's container, logs its outcome by school id and counts; no pupil or family.
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Ingest for school {School}: Stored", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Attendance check for school {School}", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Snapshots for school {School}", StringComparison.Ordinal));
        var school = Generated();
        foreach (var text in school.Pupils.SelectMany(p => new[] { p.Upn, p.DisplayName }).Concat(school.Contacts.SelectMany(c => new[] { c.Email, c.DisplayName })))
        {
            Assert.False(text is { Length: > 0 } && app.Logs.AllText.Contains(text, StringComparison.OrdinalIgnoreCase), $"a log line names '{text}'");
        }
    }

    [Theory]
    [InlineData(nameof(RunSchoolJob))]
    [InlineData(nameof(DispatchReport))]
    public async Task Malformed_Message_GoesToItsPoisonQueueWithTheReason(string function)
    {
        var (queue, handle) = function == nameof(RunSchoolJob)
            ? (JobResources.SchoolJobsQueue, (Func<QueueMessage, Task>)(m => app.Create<RunSchoolJob>().RunAsync(m, CancellationToken.None)))
            : (JobResources.ReportRequestsQueue, m => app.Create<DispatchReport>().RunAsync(m, CancellationToken.None));
        string id = "malformed-" + Guid.NewGuid().ToString("N")[..8];

        await handle(QueuesModelFactory.QueueMessage(id, "receipt", "{\"schoolId\": 42, \"not\": \"a job\"", 1));

        var poison = Queue(QueueNames.Poison(queue));
        var records = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value.Select(m => PoisonMessage.FromJson(m.Body.ToString()));
        var record = Assert.Single(records, r => r.MessageId == id);
        Assert.Equal(queue, record.Queue);
        Assert.Equal("{\"schoolId\": 42, \"not\": \"a job\"", record.Body);
        Assert.False(string.IsNullOrWhiteSpace(record.LastError));
    }

    private QueueClient Queue(string name) =>
        new(app.StorageConnection, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    // The queue trigger's loop: receive, invoke, delete on success.
    private static async Task<int> DeliverAllAsync(QueueClient queue, Func<QueueMessage, Task> function)
    {
        int delivered = 0;
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return delivered;
            }

            foreach (var message in batch)
            {
                await function(message);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                delivered++;
            }
        }
    }

    private static SyntheticSchool Generated() =>
        SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 24, 11, DateOnly.FromDateTime(FunctionAppFixture.Now.UtcDateTime)) { Urn = School });

    private static byte[] Export() => BundleZip.Capture(create => CsvBundleWriter.Write(Generated(), create));
}
