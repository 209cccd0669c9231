using System.Security.Cryptography;
using System.Text;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

public sealed record DispatchResult(int Sent, int AlreadySent, string? Skipped);

/// <summary>Renders and sends the reports of one request, recording each send so a redelivered request sends nothing twice.</summary>
/// <remarks>
/// The guarantee is at-least-once delivery with a narrow duplicate window. For each recipient the ledger entry
/// (report id, recipient id) is checked before sending and written right after the provider accepts the message.
/// A crash (or a lost connection) after the provider accepted but before the ledger write is the only way a
/// recipient can receive a report twice: the window is one ledger write, milliseconds. A crash anywhere else either
/// sends nothing or has already recorded the send. PDFs are stored under <c>reports/{schoolId}/...</c> before sending.
/// </remarks>
public static class DispatchJob
{
    public static Task<DispatchResult> HandleAsync(JobContext context, ReportRequest request, CancellationToken cancellationToken) =>
        new DispatchSession(context).HandleAsync(request, cancellationToken);

    /// <summary>Drains the report queue, poisoning a request after 5 failed attempts; loaded schools are cached across requests.</summary>
    /// <remarks>A failed request waits <paramref name="retryAfter"/> before its next attempt, so a mail outage is not burnt through in one drain.</remarks>
    public static async Task<DrainResult> DrainAsync(JobContext context, int? max, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var session = new DispatchSession(context);
        await context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
        var total = await context.Queue.CountAsync(JobResources.ReportRequestsQueue, cancellationToken);
        var done = 0;
        return await QueueDrain.DrainAsync(context.Queue, JobResources.ReportRequestsQueue, async (message, ct) =>
        {
            // A malformed request goes straight to the poison queue: retrying cannot mend it.
            var request = await TriggeredMessages.ReadOrPoisonAsync<ReportRequest>(context.Queue, JobResources.ReportRequestsQueue, message.Id, message.DequeueCount, message.Body, ct);
            if (request is null)
            {
                return;
            }

            await session.HandleAsync(request, ct);
            context.Progress.Report("sending reports", ++done, Math.Max(total, done));
        }, new DrainOptions { BatchSize = 16, MaxMessages = max, RetryAfter = retryAfter }, cancellationToken);
    }

    /// <summary>The ledger's document id for one (report, recipient); characters document ids may not hold become ':'.</summary>
    internal static string LedgerId(ReportRequest request, string recipientId) =>
        string.Concat($"{request.ReportId}.{recipientId}".Select(c => c is '/' or '\\' or '?' or '#' ? ':' : c));

    internal static string MessageKey(string ledgerId)
    {
        var safe = new string([.. ledgerId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('.');
        return safe.Length <= 100 ? safe : safe[..80] + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ledgerId)))[..16];
    }
}

/// <summary>Dispatch with the school data it has loaded kept for the next request.</summary>
internal sealed class DispatchSession(JobContext context)
{
    private readonly Dictionary<string, (SchoolState State, Reports.Routing.SchoolDirectory Directory, IReadOnlyDictionary<string, Attendance.PupilRegister> Registers)> _schools = [];
    private readonly Dictionary<(string, string), object?> _sources = [];

    public async Task<DispatchResult> HandleAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var inputs = await LoadAsync(request, cancellationToken);
        var (outgoing, skipped) = ReportAssembly.For(request, inputs);
        int sent = 0, already = 0;
        foreach (var mail in outgoing)
        {
            var ledgerId = DispatchJob.LedgerId(request, mail.RecipientId);
            if (await context.Documents.ReadAsync<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId, cancellationToken) is not null)
            {
                already++;
                continue;
            }

            var attachments = new List<EmailAttachment>(mail.Files);
            foreach (var document in mail.Documents)
            {
                var pdf = context.Renderer.Render(document);
                await context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ReportsContainer}/{mail.BlobFolder}/{document.FileName}"), new MemoryStream(pdf), context.Renderer.ContentType, cancellationToken: cancellationToken);
                attachments.Add(EmailAttachment.Pdf(document.FileName, pdf));
            }

            var receipt = await context.Email.SendAsync(Message(request, mail, ledgerId, attachments), cancellationToken);
            await context.Documents.CreateIfAbsentAsync(new Document<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId,
                new SendRecord(request.ReportId, mail.RecipientId, context.Clock.GetUtcNow(), receipt.Provider, receipt.ProviderMessageId)), cancellationToken);
            sent++;
        }

        return new DispatchResult(sent, already, skipped);
    }

    private static EmailMessage Message(ReportRequest request, Outgoing mail, string ledgerId, List<EmailAttachment> attachments) => new()
    {
        MessageKey = DispatchJob.MessageKey(ledgerId),
        To = [mail.To],
        Subject = mail.Email.Subject,
        TextBody = mail.Email.TextBody,
        HtmlBody = mail.Email.HtmlBody,
        Attachments = attachments,
        Categories = [request.Kind.ToString().ToLowerInvariant()],
        CustomArgs = new Dictionary<string, string> { [EmailMessage.ReportIdArg] = request.ReportId, [EmailMessage.RecipientIdArg] = mail.RecipientId },
    };

    private async Task<DispatchInputs> LoadAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        if (!_schools.TryGetValue(request.SchoolId, out var school))
        {
            var state = await SchoolState.LoadAsync(context, request.SchoolId, cancellationToken);
            var calendar = state.Calendar ?? throw new InvalidOperationException($"school {request.SchoolId} has no stored calendar");
            school = (state, state.Directory(), state.Registers(calendar));
            _schools[request.SchoolId] = school;
        }

        var snapshot = request.Kind is ReportKind.AttendanceDigest or ReportKind.ImportErrors or ReportKind.AttendanceLetter ? null
            : await SnapshotAsync(request, cancellationToken) ?? throw new InvalidOperationException($"snapshot {request.Source} of school {request.SchoolId} is not stored");
        var alerts = request.Kind == ReportKind.AttendanceDigest
            ? await SourceAsync<AlertDay>(request, DocumentTypes.AlertDay, cancellationToken) ?? throw new InvalidOperationException($"no alerts stored for {request.Source}")
            : null;
        var file = request.Kind == ReportKind.ImportErrors ? await ReadBlobAsync(request.Source, cancellationToken) : null;
        var letter = request.Kind == ReportKind.AttendanceLetter
            ? await SourceAsync<Alerts.LetterDue>(request, DocumentTypes.Letter, cancellationToken) ?? throw new InvalidOperationException($"no letter {request.Source} is stored")
            : null;
        return new DispatchInputs(school.State, school.Directory, school.Registers, snapshot, alerts, file) { Letter = letter };
    }

    private async Task<Progress.Snapshots.TermSnapshot?> SnapshotAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var key = (request.SchoolId + "/" + DocumentTypes.Snapshot, request.Source);
        if (!_sources.TryGetValue(key, out var value))
        {
            value = await SnapshotStore.LoadAsync(context, request.SchoolId, request.Source, cancellationToken);
            _sources[key] = value;
        }

        return (Progress.Snapshots.TermSnapshot?)value;
    }

    private async Task<T?> SourceAsync<T>(ReportRequest request, string type, CancellationToken cancellationToken)
        where T : class
    {
        if (!_sources.TryGetValue((request.SchoolId + "/" + type, request.Source), out var value))
        {
            value = (await context.Documents.ReadAsync<T>(request.SchoolId, type, request.Source, cancellationToken))?.Body;
            _sources[(request.SchoolId + "/" + type, request.Source)] = value;
        }

        return (T?)value;
    }

    private async Task<byte[]> ReadBlobAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = await context.Blobs.OpenReadAsync(BlobPath.Parse(path), cancellationToken) ?? throw new InvalidOperationException($"{path} is missing");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
