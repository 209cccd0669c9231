using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Routing;

public class ParentRoutingTests
{
    [Theory]
    [InlineData(true, true, null, "mum@home.example", null)]
    [InlineData(false, true, null, "mum@home.example", NotSentReason.NoParentalResponsibility)]
    [InlineData(true, false, null, "mum@home.example", NotSentReason.NoCorrespondence)]
    [InlineData(true, true, "Court order: no contact", "mum@home.example", NotSentReason.Restricted)]
    [InlineData(true, true, null, null, NotSentReason.NoEmailAddress)]
    [InlineData(true, true, null, "  ", NotSentReason.NoEmailAddress)]
    [InlineData(true, true, null, "n/a", NotSentReason.InvalidEmailAddress)]
    public void Route_OneContact_SendsOnlyWhenEveryRuleHolds(bool responsibility, bool correspondence, string? restriction, string? email, NotSentReason? reason)
    {
        var directory = new DirectoryBuilder().Pupil("p1").Contact("c1", email).Link("c1", "p1", responsibility, correspondence, restriction).Build();

        var result = ParentRouting.Route(["p1"], directory);

        if (reason is null)
        {
            Assert.Equal([new ParentEnvelope("c1", "mum@home.example", ["p1"])], result.Envelopes, new EnvelopeComparer());
            Assert.Empty(result.NotSent);
        }
        else
        {
            Assert.Empty(result.Envelopes);
            Assert.Contains(new NotSent("p1", "c1", reason.Value, restriction), result.NotSent);
            Assert.Contains(new NotSent("p1", null, NotSentReason.NoEligibleContact), result.NotSent);
        }
    }

    [Fact]
    public void Route_PupilWithNoContactStoredAtAll_SaysSoAndWhereToLook()
    {
        var directory = new DirectoryBuilder().Pupil("p1").Pupil("p2").Contact("c1", null).Link("c1", "p2").Build();

        var result = ParentRouting.Route(["p1", "p2"], directory);

        Assert.Contains(new NotSent("p1", null, NotSentReason.NoEligibleContact, NotSent.NoContactStoredDetail), result.NotSent);
        Assert.Contains(new NotSent("p2", null, NotSentReason.NoEligibleContact), result.NotSent);
        Assert.Contains("refused at import", NotSent.NoContactStoredDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, NotSentReason.NoEmailAddress)]
    [InlineData(true, NotSentReason.InvalidEmailAddress)]   // the MIS gave "bad@@example": the office corrects it, not adds one
    public void Route_ContactWithoutAddress_SaysWhetherTheMisGaveAnInvalidOne(bool refused, NotSentReason reason)
    {
        var directory = new DirectoryBuilder().Pupil("p1").Contact("c1", null, emailRefused: refused).Link("c1", "p1").Build();

        var result = ParentRouting.Route(["p1"], directory);

        Assert.Contains(new NotSent("p1", "c1", reason), result.NotSent);
    }

    [Fact]
    public void Route_ContactWithTwoChildren_GetsOneEnvelopeWithBoth()
    {
        var directory = new DirectoryBuilder().Pupil("p1").Pupil("p2").Pupil("p3")
            .Contact("mum", "mum@home.example").Contact("dad", "dad@home.example")
            .Link("mum", "p1").Link("mum", "p2").Link("dad", "p2").Link("dad", "p3", responsibility: false)
            .Build();

        var result = ParentRouting.Route(["p2", "p1", "p3"], directory);

        Assert.Equal(["mum:p1,p2", "dad:p2"], result.Envelopes.Select(e => $"{e.ContactId}:{string.Join(',', e.PupilIds)}"));
        Assert.Contains(new NotSent("p3", "dad", NotSentReason.NoParentalResponsibility), result.NotSent);
    }

    [Fact]
    public void Route_TwoPupilsWithTwoContactsEach_EachPupilsContactsNextToEachOther()
    {
        var directory = new DirectoryBuilder().Pupil("p1").Pupil("p2")
            .Contact("a", "a@home.example").Contact("z", "z@home.example").Contact("b", "b@home.example").Contact("y", "y@home.example")
            .Link("a", "p1").Link("z", "p1").Link("b", "p2").Link("y", "p2")
            .Build();

        var result = ParentRouting.Route(["p2", "p1"], directory);

        Assert.Equal(["a:p1", "z:p1", "b:p2", "y:p2"], result.Envelopes.Select(e => $"{e.ContactId}:{string.Join(',', e.PupilIds)}"));
    }

    /// <summary>Contacts a, b, c with addresses separated by '|'; links "contact:pupil"; expected envelopes, and contacts left out ("contact:pupil>carrier").</summary>
    [Theory]
    // Two parents of one child sharing an inbox: one e-mail, the other parent recorded.
    [InlineData("a:p1 b:p1", "us@home.example|us@home.example", "a:p1", "b:p1>a")]
    // The same inbox written with other spaces and capitals.
    [InlineData("a:p1 b:p1", "us@home.example| US@Home.Example ", "a:p1", "b:p1>a")]
    // One parent recorded once per child: each record carries another child's report, so both go.
    [InlineData("a:p1 b:p2", "ann@home.example|ann@home.example", "a:p1 b:p2", "")]
    // A parent with both children and one with only the first, at one inbox: the e-mail with both.
    [InlineData("a:p1 b:p1 b:p2", "us@home.example|us@home.example", "b:p1,p2", "a:p1>b")]
    // Both with both children: the first in order.
    [InlineData("a:p1 a:p2 b:p1 b:p2", "us@home.example|us@home.example", "a:p1,p2", "b:p1>a b:p2>a")]
    // Overlapping but neither holding the other's: both go.
    [InlineData("a:p1 a:p2 b:p2 b:p3", "us@home.example|us@home.example", "a:p1,p2 b:p2,p3", "")]
    // Three at one inbox.
    [InlineData("a:p1 b:p1 c:p1", "us@home.example|us@home.example|us@home.example", "a:p1", "b:p1>a c:p1>a")]
    // Different inboxes: each parent their own.
    [InlineData("a:p1 b:p1", "mum@home.example|dad@home.example", "a:p1 b:p1", "")]
    public void Route_ContactsOfOneFamilyAtOneAddress_EachReportReachesThatInboxOnce(string links, string emails, string envelopes, string leftOut)
    {
        var builder = new DirectoryBuilder().Pupil("p1").Pupil("p2").Pupil("p3");
        var addresses = emails.Split('|');
        for (var i = 0; i < addresses.Length; i++)
        {
            builder.Contact(((char)('a' + i)).ToString(), addresses[i], "Sam");
        }

        foreach (var link in links.Split(' '))
        {
            builder.Link(link.Split(':')[0], link.Split(':')[1]);
        }

        var result = ParentRouting.Route(links.Split(' ').Select(l => l.Split(':')[1]), builder.Build());

        Assert.Equal(envelopes, string.Join(" ", result.Envelopes.Select(e => $"{e.ContactId}:{string.Join(',', e.PupilIds)}")));
        var same = result.NotSent.Where(n => n.Reason == NotSentReason.SameAddressAsAnotherContact).ToList();
        Assert.Equal(leftOut, string.Join(" ", same.Select(n => $"{n.ContactId}:{n.PupilId}>{n.Detail!.Split(' ')[4]}")));
        Assert.DoesNotContain(result.NotSent, n => n.Reason is NotSentReason.NoEligibleContact or NotSentReason.AddressSharedWithAnotherFamily);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Route_ParentsSharingAnInboxWithTheirPrioritiesSwapped_TheSameParentIsSentIt(int mum, int dad)
    {
        // A batch decided again at release must not move the e-mail to the other parent because the MIS reordered them.
        var directory = new DirectoryBuilder().Pupil("p1").Contact("mum", "home@x.example").Contact("dad", "home@x.example")
            .Link("mum", "p1", priority: mum).Link("dad", "p1", priority: dad).Build();

        var result = ParentRouting.Route(["p1"], directory);

        Assert.Equal("dad", Assert.Single(result.Envelopes).ContactId);
        Assert.Equal(["mum"], result.Envelopes[0].AlsoFor);
        Assert.Equal(new NotSent("p1", "mum", NotSentReason.SameAddressAsAnotherContact, "sent once, to contact dad at the same address"), Assert.Single(result.NotSent));
    }

    [Fact]
    public void Route_LinkToUnknownContact_IsRecorded()
    {
        var directory = new DirectoryBuilder().Pupil("p1").Link("ghost", "p1").Build();

        Assert.Contains(new NotSent("p1", "ghost", NotSentReason.UnknownContact), ParentRouting.Route(["p1"], directory).NotSent);
    }

    [Fact]
    public void Route_RandomSchools_NeverAddressesAReportToAnotherPupilsContact()
    {
        // A property over 300 seeded random schools: every pupil in every envelope is linked to that envelope's
        // contact with parental responsibility, correspondence on and no restriction.
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var builder = new DirectoryBuilder();
            var pupils = Enumerable.Range(0, random.Next(1, 30)).Select(i => $"p{i}").ToList();
            var contacts = Enumerable.Range(0, random.Next(1, 40)).Select(i => $"c{i}").ToList();
            pupils.ForEach(p => builder.Pupil(p));
            // Some contacts share an inbox (a family's, or a slip across families).
            contacts.ForEach(c => builder.Contact(c, random.Next(6) == 0 ? null : random.Next(5) == 0 ? $"home{random.Next(3)}@x.example" : $"{c}@x.example"));
            foreach (var _ in Enumerable.Range(0, random.Next(0, 80)))
            {
                builder.Link(contacts[random.Next(contacts.Count)], pupils[random.Next(pupils.Count)],
                    responsibility: random.Next(4) != 0, correspondence: random.Next(5) != 0, restriction: random.Next(8) == 0 ? "no contact" : null);
            }

            var directory = builder.Build();
            var result = ParentRouting.Route(pupils.Where(_ => random.Next(3) != 0), directory);

            foreach (var envelope in result.Envelopes)
            {
                Assert.All(envelope.PupilIds, pupil => Assert.Contains(directory.LinksOf(pupil), l =>
                    l.ContactId == envelope.ContactId && l.ParentalResponsibility && l.ReceivesCorrespondence && l.Restriction is null));
                Assert.Equal(directory.Contact(envelope.ContactId)!.Email, envelope.Email);
            }

            Assert.Equal(result.Envelopes.Count, result.Envelopes.Select(e => e.ContactId).Distinct().Count());
            // Every link of a routed pupil either carries the report or is recorded with why not.
            foreach (var link in result.Envelopes.SelectMany(e => e.PupilIds).Concat(result.NotSent.Select(n => n.PupilId)).Distinct().SelectMany(directory.LinksOf))
            {
                Assert.True(result.Envelopes.Any(e => e.ContactId == link.ContactId && e.PupilIds.Contains(link.PupilId))
                    || result.NotSent.Any(n => n.ContactId == link.ContactId && n.PupilId == link.PupilId), $"seed {seed}: {link.ContactId} for {link.PupilId} neither sent nor recorded");
            }

            // No inbox is sent an e-mail whose reports another e-mail to it already carries.
            Assert.DoesNotContain(result.Envelopes, e => result.Envelopes.Any(o => o != e && o.Email == e.Email && !e.PupilIds.Except(o.PupilIds).Any()));
        }
    }

    private sealed class EnvelopeComparer : IEqualityComparer<ParentEnvelope>
    {
        public bool Equals(ParentEnvelope? x, ParentEnvelope? y) =>
            x is not null && y is not null && x.ContactId == y.ContactId && x.Email == y.Email && x.PupilIds.SequenceEqual(y.PupilIds);

        public int GetHashCode(ParentEnvelope obj) => obj.ContactId.GetHashCode(StringComparison.Ordinal);
    }
}
