using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Where decided messages are kept, and how they are queued: by id only.</summary>
public sealed class OutgoingStore(IDocumentStore documents, IMessageQueue queue)
{
    /// <summary>Stores the decided messages and queues those that belong to no batch (staff messages go at once; a batch's wait for its release).</summary>
    /// <remarks>
    /// The same decision writes the same documents (ids are the ledger's, bodies carry no time), so a decision retried
    /// after a crash rewrites what it wrote and queues again what the send ledger then finds sent.
    /// </remarks>
    public async Task<int> DecideAsync(string schoolId, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        await documents.BulkUpsertAsync(messages.Select(m => new Document<OutgoingMessage>(schoolId, DocumentTypes.Outgoing, m.Id, m)), cancellationToken);
        var now = messages.Where(m => m.BatchId is null).Select(m => m.Id).ToList();
        await QueueAsync(schoolId, now, cancellationToken);
        return now.Count;
    }

    public async Task QueueAsync(string schoolId, IEnumerable<string> outgoingIds, CancellationToken cancellationToken)
    {
        await queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
        foreach (var id in outgoingIds)
        {
            await queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(new SendRequest(schoolId, id)), cancellationToken);
        }
    }

    public async Task<OutgoingMessage?> ReadAsync(string schoolId, string id, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<OutgoingMessage>(schoolId, DocumentTypes.Outgoing, id, cancellationToken))?.Body;

    /// <summary>Records messages that will not be sent, each with its reason, so "who was not reached, and why" always has an answer.</summary>
    public Task RecordUndeliveredAsync(string schoolId, IEnumerable<UndeliveredRecord> records, CancellationToken cancellationToken) =>
        documents.BulkUpsertAsync(records.Select(r => new Document<UndeliveredRecord>(schoolId, DocumentTypes.NotSent,
            DispatchJob.DocumentId($"{DispatchJob.LedgerId(r.ReportId, r.RecipientId)}{(r.PupilIds.Count == 1 ? "." + r.PupilIds[0] : "")}"), r)), cancellationToken);
}
