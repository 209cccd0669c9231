namespace ProgressFunctions.Core.Sending;

/// <summary>What releasing a batch changes in its decided messages, from its messages decided again on the data stored at release.</summary>
/// <remarks>
/// <para>
/// A batch waits days for review, and the preview asks staff to put right the families it does not reach: an address
/// corrected, a contact given one, a link fixed in the MIS. Sent as decided, each of those would be refused at send
/// (the address is not the decision's) or never sent (the contact was not in the decision). So at release the batch's
/// parent messages are decided again (<see cref="SnapshotDecisions.Parents"/>) and this amendment written down before
/// anything is queued.
/// </para>
/// <para>
/// Only messages not yet sent change. A message decided again with another address, or other children, replaces the
/// decided one (the same id: a family still gets each report once); a message new to the batch is added. A decided
/// message the new decision does not make stays a member: the check before sending refuses it with its reason (a
/// restriction, a link gone), so nothing is dropped without a record. <see cref="NotReached"/> replaces the batch's list.
/// </para>
/// <para>
/// One inbox gets each report once (<see cref="Reports.Routing.ParentRouting"/>): a decided message the new decision
/// leaves out because another contact at that inbox now carries its reports would pass that check, so it leaves the
/// batch, its record in <see cref="NotReached"/> saying why; and a message decided again loses the children whose
/// reports a message already sent to the same inbox carried (and is not added when none is left), recorded the same way.
/// </para>
/// </remarks>
public sealed record BatchAmendment(
    IReadOnlyList<OutgoingMessage> Changed,
    IReadOnlyList<string> Members,
    IReadOnlyList<Reports.Routing.NotSent> NotReached,
    int Pupils,
    int Added,
    int Readdressed,
    int Regrouped)
{
    /// <summary>Decided messages left out of the batch because another contact at the same inbox is sent their reports.</summary>
    public int SharedInbox { get; init; }

    /// <summary>The pupils whose families the batch reaches now: those of the messages decided again and of those already sent.</summary>
    /// <remarks>Not <see cref="Pupils"/>, which counts every member, a decided message the new decision no longer makes included (its send is refused).</remarks>
    public int ReachedNow { get; init; }

    public bool ChangesNothing => Changed.Count == 0 && SharedInbox == 0;

    /// <summary>"2 families added, 1 address updated" (empty when nothing changed).</summary>
    public string Describe() => string.Join(", ", new[]
    {
        Added == 0 ? "" : Added == 1 ? "1 family added" : $"{Added} families added",
        Readdressed == 0 ? "" : Readdressed == 1 ? "1 address updated" : $"{Readdressed} addresses updated",
        Regrouped == 0 ? "" : Regrouped == 1 ? "1 family's children changed" : $"{Regrouped} families' children changed",
        SharedInbox == 0 ? "" : SharedInbox == 1 ? "1 message left out for an inbox another parent's message reaches" : $"{SharedInbox} messages left out for inboxes another parent's message reaches",
    }.Where(s => s.Length > 0));

    public static BatchAmendment Of(IReadOnlyList<OutgoingMessage> decided, IReadOnlySet<string> sent, IReadOnlyList<OutgoingMessage> now, IReadOnlyList<Reports.Routing.NotSent> notReached)
    {
        var before = decided.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var changed = new List<OutgoingMessage>();
        var records = notReached.ToList();
        var alreadyIn = decided.Where(m => sent.Contains(m.Id)).ToList();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, readdressed = 0, regrouped = 0;
        foreach (var decidedNow in now.Where(m => !sent.Contains(m.Id)))
        {
            var (message, carried) = WithoutReportsSentToItsInbox(decidedNow, alreadyIn);
            records.AddRange(carried.Select(c => Reports.Routing.NotSent.SentOnceTo(c.PupilId, decidedNow.Recipient.Id, c.By)));
            if (message is null)
            {
                skipped.Add(decidedNow.Id);
                continue;
            }

            var change = !before.TryGetValue(message.Id, out var was) ? 1
                : !Email.EmailAddress.SameInbox(was.Recipient.Email, message.Recipient.Email) ? 2
                : !Children(was).SequenceEqual(Children(message)) ? 3
                : 0;
            added += change == 1 ? 1 : 0;
            readdressed += change == 2 ? 1 : 0;
            regrouped += change == 3 ? 1 : 0;
            if (change != 0)
            {
                changed.Add(message);
            }
        }

        var carriedElsewhere = notReached.Where(n => n.Reason == Reports.Routing.NotSentReason.SameAddressAsAnotherContact && n.ContactId is not null)
            .Select(n => n.ContactId!).ToHashSet(StringComparer.Ordinal);
        var madeNow = now.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var members = decided.Where(m => sent.Contains(m.Id) || madeNow.Contains(m.Id) || !carriedElsewhere.Contains(m.Recipient.Id)).Select(m => m.Id)
            .Concat(now.Select(m => m.Id)).Where(id => !skipped.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        var kept = members.ToHashSet(StringComparer.Ordinal);
        foreach (var message in changed)
        {
            before[message.Id] = message;
        }

        var pupils = before.Values.SelectMany(Children).Select(c => c.PupilId).Distinct(StringComparer.Ordinal).Count();
        return new BatchAmendment(changed, members, records, pupils, added, readdressed, regrouped)
        {
            SharedInbox = decided.Count(m => !kept.Contains(m.Id)),
            ReachedNow = now.Concat(alreadyIn).SelectMany(PupilsOf).Distinct(StringComparer.Ordinal).Count(),
        };
    }

    private static IEnumerable<ChildRef> Children(OutgoingMessage message) => message.Payload is ParentReportPayload parent ? parent.Children : [];

    private static IEnumerable<string> PupilsOf(OutgoingMessage message) => Children(message).Select(c => c.PupilId);

    /// <summary>The message less the children whose reports a message already sent to the same inbox carried (null when none is left), and those children with who was sent them.</summary>
    private static (OutgoingMessage? Message, List<(string PupilId, string By)> Carried) WithoutReportsSentToItsInbox(OutgoingMessage message, IReadOnlyList<OutgoingMessage> alreadySent)
    {
        var carried = new List<(string PupilId, string By)>();
        if (message.Payload is not ParentReportPayload parent)
        {
            return (message, carried);
        }

        var sentThere = alreadySent.Where(s => Email.EmailAddress.SameInbox(s.Recipient.Email, message.Recipient.Email))
            .SelectMany(s => PupilsOf(s).Select(p => (PupilId: p, By: s.Recipient.Id))).DistinctBy(c => c.PupilId).ToDictionary(c => c.PupilId, c => c.By, StringComparer.Ordinal);
        carried.AddRange(parent.Children.Where(c => sentThere.ContainsKey(c.PupilId)).Select(c => (c.PupilId, sentThere[c.PupilId])));
        if (carried.Count == 0)
        {
            return (message, carried);
        }

        var left = parent.Children.Where(c => !sentThere.ContainsKey(c.PupilId)).ToList();
        return (left.Count == 0 ? null : message with
        {
            Payload = parent with { Children = left },
            Routing = [.. message.Routing.Where(r => left.Any(c => r.StartsWith($"pupil {c.PupilId}:", StringComparison.Ordinal)))],
        }, carried);
    }
}
