using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Routing;

public class SharedAddressesTests
{
    /// <summary>Contacts a to d; each row links them ("contact:pupil ...") and gives their addresses and names.</summary>
    [Theory]
    // Two families, one address (a slip in the MIS, in another case): neither is sent anything.
    [InlineData("a:p1 b:p2", "x@home.example X@Home.example ", "Ann Bea", "a>b b>a")]
    // Two parents of one child sharing an inbox.
    [InlineData("a:p1 b:p1", "us@home.example us@home.example", "Ann Bob", "")]
    // Siblings: each mother's record is on one child only, and their father is on both.
    [InlineData("a:p1 b:p2 c:p1 c:p2", "us@home.example us@home.example dad@home.example", "Ann Bea Cal", "")]
    // One mother recorded once per child, with nothing else joining the children.
    [InlineData("a:p1 b:p2", "ann@home.example ann@home.example", "Ann Ann", "")]
    // The office's address given for three families' contacts without one.
    [InlineData("a:p1 b:p2 c:p3", "office@school.example office@school.example office@school.example", "Ann Bea Cal", "a>b b>a c>a")]
    // A contact linked to no pupil receives nothing, so shares nothing.
    [InlineData("a:p1", "x@home.example x@home.example", "Ann Bea", "")]
    public void Find_ContactsWithOneAddress_SharedOnlyAcrossFamilies(string links, string emails, string names, string expected)
    {
        var builder = new DirectoryBuilder().Pupil("p1").Pupil("p2").Pupil("p3");
        var (addresses, forenames) = (emails.Split(' ', StringSplitOptions.RemoveEmptyEntries), names.Split(' '));
        for (var i = 0; i < forenames.Length; i++)
        {
            builder.Contact(((char)('a' + i)).ToString(), addresses[i], forenames[i]);
        }

        foreach (var link in links.Split(' '))
        {
            builder.Link(link.Split(':')[0], link.Split(':')[1]);
        }

        var directory = builder.Build();
        var found = directory.Pupils.Select(p => p.Id).SelectMany(directory.LinksOf).Select(l => l.ContactId).Distinct().Order(StringComparer.Ordinal)
            .Where(c => directory.AddressSharedWith(c) is not null).Select(c => $"{c}>{directory.AddressSharedWith(c)}");

        Assert.Equal(expected, string.Join(" ", found));
    }

    [Fact]
    public void Route_AddressSharedWithAnotherFamily_NeitherFamilyIsSentAndTheReasonNamesTheOtherContact()
    {
        var directory = new DirectoryBuilder().Pupil("p1").Pupil("p2")
            .Contact("a", "x@home.example", "Ann").Contact("b", "x@home.example", "Bea").Contact("c", "cal@home.example", "Cal")
            .Link("a", "p1").Link("b", "p2").Link("c", "p2")
            .Build();

        var result = ParentRouting.Route(["p1", "p2"], directory);

        Assert.Equal(["c:p2"], result.Envelopes.Select(e => $"{e.ContactId}:{string.Join(',', e.PupilIds)}"));
        Assert.Contains(new NotSent("p1", "a", NotSentReason.AddressSharedWithAnotherFamily, "contact b has it too"), result.NotSent);
        Assert.Contains(new NotSent("p2", "b", NotSentReason.AddressSharedWithAnotherFamily, "contact a has it too"), result.NotSent);
        Assert.Contains(new NotSent("p1", null, NotSentReason.NoEligibleContact), result.NotSent);
    }

    [Fact]
    public void SendCheck_AddressSharedSinceTheDecision_RefusedAtSendTime()
    {
        var directory = new DirectoryBuilder().Pupil("p1").Pupil("p2")
            .Contact("a", "x@home.example", "Ann").Contact("b", "x@home.example", "Bea")
            .Link("a", "p1").Link("b", "p2")
            .Build();

        var (allowed, refused) = SendCheck.Parent("a", [("p1", null)], directory, needsDateOfBirth: false);

        Assert.Empty(allowed);
        Assert.Equal(NotSentReason.AddressSharedWithAnotherFamily, Assert.Single(refused).Reason);
    }
}
