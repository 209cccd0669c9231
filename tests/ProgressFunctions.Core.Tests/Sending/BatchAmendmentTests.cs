using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Tests.Sending;

public class BatchAmendmentTests
{
    /// <summary>A parent message of the batch: "contact@address:pupil,pupil".</summary>
    private static OutgoingMessage Message(string spec)
    {
        var (contact, rest) = (spec.Split('@')[0], spec.Split('@')[1]);
        var (address, pupils) = (rest.Split(':')[0], rest.Split(':')[1].Split(','));
        return new OutgoingMessage("Parent.2025-26-autumn-end", ReportKind.Parent,
            new Recipient(contact, RecipientKind.Contact, $"{address}@home.example", contact),
            new ParentReportPayload("2025-26-autumn-end", [.. pupils.Select(p => new ChildRef(p, $"UPN-{p}"))], false),
            new SendReason("autumn end snapshot 2025", new DateOnly(2025, 12, 19)), [], new Letterhead("Oakfield Academy", "the school office"))
        { BatchId = "parents-2025-26-autumn-end" };
    }

    private static List<OutgoingMessage> Messages(string specs) => [.. specs.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Message)];

    [Theory]
    // decided, sent (contacts), decided again at release, changed (contacts), members (contacts), described
    [InlineData("a@a:p1 b@b:p2", "", "a@a:p1 b@b:p2", "", "a b", "")]
    [InlineData("a@a:p1", "", "a@a:p1 b@b:p2", "b", "a b", "1 family added")]
    [InlineData("a@a:p1 b@b:p2", "", "a@A:p1 b@new:p2", "b", "a b", "1 address updated")]
    [InlineData("a@a:p1", "", "a@a:p1,p3", "a", "a", "1 family's children changed")]
    // A family the new decision does not reach stays a member: the check before sending refuses it with its reason.
    [InlineData("a@a:p1 b@b:p2", "", "a@a:p1", "", "a b", "")]
    // A message already sent is never decided again.
    [InlineData("a@a:p1 b@b:p2", "b", "a@a:p1 b@new:p2 c@c:p3 d@d:p4", "c d", "a b c d", "2 families added")]
    public void Of_DecidedAgainAtRelease_ChangesOnlyTheUnsentMessagesThatDiffer(string decided, string sent, string now, string changed, string members, string described)
    {
        var amendment = BatchAmendment.Of(Messages(decided), sent.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => Message($"{c}@x:p").Id).ToHashSet(), Messages(now), []);

        Assert.Equal(changed, string.Join(" ", amendment.Changed.Select(m => m.Recipient.Id)));
        Assert.Equal(members, string.Join(" ", amendment.Members.Select(id => id[(id.LastIndexOf('.') + 1)..])));
        Assert.Equal(described, amendment.Describe());
        Assert.Equal(changed.Length == 0, amendment.ChangesNothing);
    }

    [Theory]
    // decided, sent (contacts), decided again, contacts the new decision leaves to another at their inbox ("a:p1>b"),
    // members (contacts), described, contacts recorded as sent once through another ("contact:pupil>carrier")
    // The carrier changed (the other parent now has a second child): the first parent's decided message leaves the batch.
    [InlineData("a@h:p1", "", "b@h:p1,p2", "a:p1>b", "b", "1 family added, 1 message left out for an inbox another parent's message reaches", "a:p1>b")]
    // A batch decided before one inbox got one e-mail: the second parent's message leaves it.
    [InlineData("a@h:p1 b@h:p1", "", "a@h:p1", "b:p1>a", "a", "1 message left out for an inbox another parent's message reaches", "b:p1>a")]
    // The inbox was already sent these reports (the batch was released, held and released again): nothing is added.
    [InlineData("a@h:p1", "a", "b@h:p1", "", "a", "", "b:p1>a")]
    // A message to another inbox still goes; one to that inbox goes with only the child whose report it was not sent.
    [InlineData("a@h:p1", "a", "b@other:p1 c@h:p1,p2", "", "a b c", "2 families added", "c:p1>a")]
    public void Of_ParentsSharingAnInbox_TheInboxGetsEachReportOnce(string decided, string sent, string now, string merged, string members, string described, string recorded)
    {
        var notReached = merged.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => new NotSent(
            m.Split(':')[1].Split('>')[0], m.Split(':')[0], NotSentReason.SameAddressAsAnotherContact, $"sent once, to contact {m.Split('>')[1]} at the same address")).ToList();

        var amendment = BatchAmendment.Of(Messages(decided), sent.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => Message($"{c}@x:p").Id).ToHashSet(), Messages(now), notReached);

        Assert.Equal(members, string.Join(" ", amendment.Members.Select(id => id[(id.LastIndexOf('.') + 1)..])));
        Assert.Equal(described, amendment.Describe());
        Assert.Equal(recorded, string.Join(" ", amendment.NotReached.Where(n => n.Reason == NotSentReason.SameAddressAsAnotherContact)
            .Select(n => $"{n.ContactId}:{n.PupilId}>{n.Detail!.Split(' ')[4]}")));
    }

    [Fact]
    public void Of_InboxAlreadySentOneChildsReport_TheMessageDecidedAgainCarriesOnlyTheOther()
    {
        var amendment = BatchAmendment.Of(Messages("a@h:p1"), new HashSet<string> { Message("a@x:p").Id }, Messages("c@h:p1,p2"), []);

        var message = Assert.Single(amendment.Changed);
        Assert.Equal(["p2"], ((ParentReportPayload)message.Payload).Children.Select(c => c.PupilId));
    }

    [Fact]
    public void Of_ChildAdded_CountsThePupilsOfTheMessagesAsAmended()
    {
        var amendment = BatchAmendment.Of(Messages("a@a:p1 b@b:p2"), new HashSet<string>(), Messages("a@a:p1,p3 b@b:p2"), []);

        Assert.Equal(3, amendment.Pupils);
    }
}
