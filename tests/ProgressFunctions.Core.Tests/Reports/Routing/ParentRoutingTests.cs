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
            contacts.ForEach(c => builder.Contact(c, random.Next(6) == 0 ? null : $"{c}@x.example"));
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
        }
    }

    private sealed class EnvelopeComparer : IEqualityComparer<ParentEnvelope>
    {
        public bool Equals(ParentEnvelope? x, ParentEnvelope? y) =>
            x is not null && y is not null && x.ContactId == y.ContactId && x.Email == y.Email && x.PupilIds.SequenceEqual(y.PupilIds);

        public int GetHashCode(ParentEnvelope obj) => obj.ContactId.GetHashCode(StringComparison.Ordinal);
    }
}
