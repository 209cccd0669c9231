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
    public bool ChangesNothing => Changed.Count == 0;

    /// <summary>"2 families added, 1 address updated" (empty when nothing changed).</summary>
    public string Describe() => string.Join(", ", new[]
    {
        Added == 0 ? "" : Added == 1 ? "1 family added" : $"{Added} families added",
        Readdressed == 0 ? "" : Readdressed == 1 ? "1 address updated" : $"{Readdressed} addresses updated",
        Regrouped == 0 ? "" : Regrouped == 1 ? "1 family's children changed" : $"{Regrouped} families' children changed",
    }.Where(s => s.Length > 0));

    public static BatchAmendment Of(IReadOnlyList<OutgoingMessage> decided, IReadOnlySet<string> sent, IReadOnlyList<OutgoingMessage> now, IReadOnlyList<Reports.Routing.NotSent> notReached)
    {
        var before = decided.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var changed = new List<OutgoingMessage>();
        int added = 0, readdressed = 0, regrouped = 0;
        foreach (var message in now.Where(m => !sent.Contains(m.Id)))
        {
            var change = !before.TryGetValue(message.Id, out var was) ? 1
                : !string.Equals(was.Recipient.Email.Trim(), message.Recipient.Email.Trim(), StringComparison.OrdinalIgnoreCase) ? 2
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

        var members = decided.Select(m => m.Id).Concat(now.Select(m => m.Id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var message in changed)
        {
            before[message.Id] = message;
        }

        var pupils = before.Values.SelectMany(Children).Select(c => c.PupilId).Distinct(StringComparer.Ordinal).Count();
        return new BatchAmendment(changed, members, notReached, pupils, added, readdressed, regrouped);
    }

    private static IEnumerable<ChildRef> Children(OutgoingMessage message) => message.Payload is ParentReportPayload parent ? parent.Children : [];
}
