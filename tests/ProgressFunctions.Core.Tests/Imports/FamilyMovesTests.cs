using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class FamilyMovesTests
{
    [Theory]
    [InlineData(20, 9, false)]    // under ten moved
    [InlineData(20, 10, true)]    // ten of twenty
    [InlineData(400, 10, false)]  // ten of four hundred: under a twentieth
    [InlineData(400, 20, true)]
    public void ManyMoved_PupilsGivenOtherFamilies_RefusedFromTenAndATwentieth(int pupils, int moved, bool refused)
    {
        var (stored, contacts) = Families(pupils);
        // The first pupils take the next one's family, round: each gets wholly new contacts.
        var links = stored.Select((l, i) => i < moved ? l with { ContactId = $"c{(i + 1) % moved}" } : l).ToList();
        var export = Export(links, contacts.Values);

        var reason = FamilyMoves.ManyMoved(export, stored, contacts);

        Assert.Equal(refused, reason is not null);
        if (refused)
        {
            var first = string.Join(", ", Enumerable.Range(0, moved).Select(i => $"p{i}").Order(StringComparer.Ordinal).Take(3));
            Assert.StartsWith($"{moved} of the {pupils} pupils whose contacts this export lists would have none of the contacts stored for them (pupils {first}...)", reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("same e-mail, new id")]
    [InlineData("same name, new id")]
    public void ManyMoved_SamePeopleUnderNewIds_NotAMove(string change)
    {
        var (stored, contacts) = Families(20);
        var renumbered = contacts.Values.Select(c => change == "same e-mail, new id"
            ? c with { Id = "n" + c.Id, Forename = "Other", Surname = "Person" }
            : c with { Id = "n" + c.Id, Email = "new-" + c.Email }).ToList();
        var links = stored.Select(l => l with { ContactId = "n" + l.ContactId }).ToList();

        Assert.Null(FamilyMoves.ManyMoved(Export(links, renumbered), stored, contacts));
    }

    private static (List<ContactLink> Links, Dictionary<string, Contact> Contacts) Families(int pupils)
    {
        var contacts = Enumerable.Range(0, pupils).Select(i => new Contact { Id = $"c{i}", Forename = $"F{i}", Surname = $"S{i}", Email = $"parent{i}@family.example" })
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        return ([.. Enumerable.Range(0, pupils).Select(i => new ContactLink { ContactId = $"c{i}", PupilId = $"p{i}" })], contacts);
    }

    private static SchoolExport Export(List<ContactLink> links, IEnumerable<Contact> contacts) => new()
    {
        Contacts = [.. contacts],
        ContactLinks = links,
        PupilsWithContactRows = links.Select(l => l.PupilId).ToHashSet(StringComparer.Ordinal),
    };
}
