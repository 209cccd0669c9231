using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Batches;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>One message that was sent: when, what, to whom (by id), through what, and why it was sent.</summary>
public sealed record SentEntry(
    DateTimeOffset At, string ReportId, ReportKind Kind, string RecipientId, RecipientKind RecipientKind, string Channel, string ProviderMessageId,
    string Why, DateOnly DataTo, string? BatchId, IReadOnlyList<string> Upns);

/// <summary>One pupil (or recipient) a batch did not reach, and why; <see cref="Stage"/> says whether it was decided so or refused at send.</summary>
/// <remarks><see cref="PupilReached"/> is false for a pupil whose message reaches no family member; true when it still goes to another contact.</remarks>
public sealed record NotReachedEntry(string PupilId, string? Upn, string? PupilName, string? ContactId, string? ContactName, string Reason, string Stage, bool PupilReached);

/// <summary>The send ledger, readable: every message sent and why, and every family a batch did not reach and why.</summary>
/// <remarks>Read from the same records dispatch writes, so its counts are the outbox's and the preview's.</remarks>
public sealed class SendLedger(IDocumentStore documents)
{
    /// <summary>Whether a pupil with this UPN (any case) is stored: a mistyped UPN would list nothing, as if nothing had been sent about the pupil.</summary>
    public async Task<bool> HasPupilAsync(string schoolId, string upn, CancellationToken cancellationToken) =>
        await documents.ListAsync<PupilRecord>(schoolId, DocumentTypes.Pupil, cancellationToken)
            .AnyAsync(d => string.Equals(d.Body.Pupil.Upn, upn.Trim(), StringComparison.OrdinalIgnoreCase), cancellationToken);

    public async Task<IReadOnlyList<SentEntry>> SentAsync(string schoolId, string? batchId, string? upn, CancellationToken cancellationToken)
    {
        var outgoing = await documents.ListAsync<OutgoingMessage>(schoolId, DocumentTypes.Outgoing, cancellationToken).ToDictionaryAsync(d => d.Id, d => d.Body, StringComparer.Ordinal, cancellationToken);
        var upnById = upn is null ? null : await documents.ListAsync<PupilRecord>(schoolId, DocumentTypes.Pupil, cancellationToken)
            .ToDictionaryAsync(d => d.Id, d => d.Body.Pupil.Upn, StringComparer.Ordinal, cancellationToken);
        var entries = new List<SentEntry>();
        await foreach (var record in documents.ListAsync<SendRecord>(schoolId, DocumentTypes.Sent, cancellationToken))
        {
            if (record.Body.Status != SendStatus.Sent || !outgoing.TryGetValue(record.Id, out var message) || (batchId is not null && message.BatchId != batchId))
            {
                continue;
            }

            var upns = message.Payload switch
            {
                ParentReportPayload parent => [.. parent.Children.Select(c => c.Upn)],
                DocumentPayload document when upnById is not null => [.. document.PupilIds.Select(id => upnById.GetValueOrDefault(id, id))],
                _ => Array.Empty<string>(),
            };
            if (upn is not null && !upns.Contains(upn, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            entries.Add(new SentEntry(record.Body.At, message.ReportId, message.Kind, message.Recipient.Id, message.Recipient.Kind, record.Body.Provider,
                record.Body.ProviderMessageId, message.Why.Rule, message.Why.DataTo, message.BatchId, upns));
        }

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.ReportId, StringComparer.Ordinal).ThenBy(e => e.RecipientId, StringComparer.Ordinal)];
    }

    /// <summary>Everyone the batch does not reach: pupils its decision could not address, and messages refused at send.</summary>
    /// <returns>Null when the school has no such batch.</returns>
    public async Task<IReadOnlyList<NotReachedEntry>?> NotReachedAsync(string schoolId, string batchId, CancellationToken cancellationToken)
    {
        if (await documents.ReadAsync<BatchNotReached>(schoolId, DocumentTypes.BatchNotReached, batchId, cancellationToken) is not { } decided)
        {
            return null;
        }

        var pupils = await documents.ListAsync<PupilRecord>(schoolId, DocumentTypes.Pupil, cancellationToken).ToDictionaryAsync(d => d.Id, d => d.Body.Pupil, StringComparer.Ordinal, cancellationToken);
        var contacts = await documents.ListAsync<Contact>(schoolId, DocumentTypes.Contact, cancellationToken).ToDictionaryAsync(d => d.Id, d => d.Body, StringComparer.Ordinal, cancellationToken);
        var refusals = await documents.ListAsync<UndeliveredRecord>(schoolId, DocumentTypes.NotSent, cancellationToken)
            .Where(d => d.Body.BatchId == batchId).Select(d => d.Body).ToListAsync(cancellationToken);
        var unreached = BatchRules.PupilsReachedByNoOne(decided.Body.NotSent);
        // A pupil is reached when the decision reaches them and a message of the batch carrying their report was sent
        // or is still to go: a contact refused at send does not make a pupil unreached whose report another parent got.
        // With nothing refused at send every message carries what the decision gave it, so its members need no reading.
        var reached = refusals.Count == 0 ? null : await ReachedByMembersAsync(schoolId, batchId, refusals, cancellationToken);
        NotReachedEntry Entry(string pupilId, string? contactId, string reason, string stage) => new(pupilId, pupils.GetValueOrDefault(pupilId)?.Upn,
            pupils.GetValueOrDefault(pupilId)?.DisplayName, contactId, contactId is null ? null : contacts.GetValueOrDefault(contactId)?.DisplayName, reason, stage,
            !unreached.Contains(pupilId) && (reached is null || reached.Contains(pupilId)));

        var entries = decided.Body.NotSent.Select(n => Entry(n.PupilId, n.ContactId, BatchPreview.Reason(n.Reason) + (n.Detail is null ? "" : $" ({n.Detail})"), "decided")).ToList();
        foreach (var refused in refusals)
        {
            entries.AddRange(refused.PupilIds.DefaultIfEmpty("").Select(id => Entry(id, refused.RecipientId, refused.Reason, "refused at send")));
        }

        return [.. entries.OrderBy(e => e.PupilReached).ThenByPupilName(e => e.PupilName ?? e.PupilId, e => e.PupilId).ThenBy(e => e.ContactId, StringComparer.Ordinal)];
    }

    /// <summary>The pupils whose report a message of the batch carried when it was sent, or carries while it is still to go.</summary>
    /// <remarks>
    /// The refusals of one attempt at a message share their time. An attempt that refused every child of the message
    /// sent nothing, so a message sent since (released again with a corrected address) was sent after it and carried
    /// its children; an attempt that refused some children sent the rest without them. A message not sent is reached
    /// for the children no attempt refused.
    /// </remarks>
    private async Task<HashSet<string>> ReachedByMembersAsync(string schoolId, string batchId, IReadOnlyList<UndeliveredRecord> refusals, CancellationToken cancellationToken)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var members = (await documents.ReadAsync<BatchMembers>(schoolId, DocumentTypes.BatchMembers, batchId, cancellationToken))?.Body.OutgoingIds ?? [];
        foreach (var id in members)
        {
            if ((await documents.ReadAsync<OutgoingMessage>(schoolId, DocumentTypes.Outgoing, id, cancellationToken))?.Body is not { } message)
            {
                continue;
            }

            var children = (message.Payload switch
            {
                ParentReportPayload parent => parent.Children.Select(c => c.PupilId),
                DocumentPayload letter => letter.PupilIds,
                _ => [],
            }).ToHashSet(StringComparer.Ordinal);
            var sent = (await documents.ReadAsync<SendRecord>(schoolId, DocumentTypes.Sent, id, cancellationToken))?.Body.Status == SendStatus.Sent;
            var refused = refusals.Where(r => r.ReportId == message.ReportId && r.RecipientId == message.Recipient.Id)
                .GroupBy(r => r.At).Select(attempt => attempt.SelectMany(r => r.PupilIds).ToHashSet(StringComparer.Ordinal))
                .Where(attempt => !sent || !children.IsSubsetOf(attempt))
                .SelectMany(attempt => attempt).ToHashSet(StringComparer.Ordinal);
            reached.UnionWith(children.Where(c => !refused.Contains(c)));
        }

        return reached;
    }

    /// <summary>The messages the checks of one school day decided but could not send (staff digests, call lists, weekly messages, notices), each with its reason.</summary>
    /// <remarks>Records written before the day was kept are matched by the date in their report id ("CallList.2026-03-20").</remarks>
    public async Task<IReadOnlyList<DayNotSentEntry>> NotSentOnAsync(string schoolId, DateOnly day, CancellationToken cancellationToken)
    {
        var iso = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entries = new List<DayNotSentEntry>();
        await foreach (var record in documents.ListAsync<UndeliveredRecord>(schoolId, DocumentTypes.NotSent, cancellationToken))
        {
            var r = record.Body;
            if (r.BatchId is null && (r.Day == day || (r.Day is null && r.ReportId.Contains(iso, StringComparison.Ordinal))))
            {
                entries.Add(new DayNotSentEntry(r.ReportId, r.Kind, r.RecipientId, r.Reason));
            }
        }

        return [.. entries.OrderBy(e => e.RecipientId, StringComparer.Ordinal).ThenBy(e => e.ReportId, StringComparer.Ordinal)];
    }
}

/// <summary>A message of a school day's checks not sent to one recipient (a staff id, or a role nobody holds), and why.</summary>
public sealed record DayNotSentEntry(string ReportId, ReportKind Kind, string RecipientId, string Reason);
