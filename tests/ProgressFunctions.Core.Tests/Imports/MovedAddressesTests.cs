using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class MovedAddressesTests
{
    /// <summary>Contact c0 (pupil p0) held a@x.example, c1 (pupil p1) b@x.example; the export gives c1 the address as the case says.</summary>
    /// <remarks>"kept": c0 keeps the address (standing in for its blank row, or kept whole when left out), so both families hold it.</remarks>
    [Theory]
    [InlineData("cut from c0, pasted on c1", "", "a@x.example", "whose row now has none", "stand-in")]
    [InlineData("in capitals, spaces around", "", " A@X.example ", "whose row now has none", "stand-in")]
    [InlineData("c0 left out of the export", null, "a@x.example", "who is not in this export", "kept whole")]
    [InlineData("c0 under a new id, same name (a CTF)", "", "a@x.example", "whose row now has none", "stand-in")]
    [InlineData("c0 now has another address", "new@x.example", "a@x.example", "who now has another", "")]
    [InlineData("copied: c0 keeps it too (a shared address)", "a@x.example", "a@x.example", null, "")]
    [InlineData("c1 the same person as c0 (same name)", "", "a@x.example", null, "")]
    [InlineData("the two families are one (a sibling shares c2)", "", "a@x.example", null, "")]
    [InlineData("nothing moved", "a@x.example", "b@x.example", null, "")]
    public void Keep_AddressOfAnotherFamilysContact_KeptForBothAndNamed(string change, string? c0Now, string c1Now, string? warning, string kept)
    {
        var sameName = change.StartsWith("c1 the same person", StringComparison.Ordinal);
        var stored = new Dictionary<string, Contact>(StringComparer.Ordinal)
        {
            ["c0"] = new() { Id = "c0", Forename = "Ann", Surname = "Lee", Email = "a@x.example" },
            ["c1"] = new() { Id = "c1", Forename = sameName ? "Ann" : "Bea", Surname = sameName ? "Lee" : "Cole", Email = "b@x.example" },
            ["c2"] = new() { Id = "c2", Forename = "Cy", Surname = "Lee", Email = "c@x.example" },
        };
        List<ContactLink> storedLinks = [Link("c0", "p0"), Link("c1", "p1"), Link("c2", "p0")];
        if (change.Contains("sibling", StringComparison.Ordinal))
        {
            storedLinks.Add(Link("c2", "p1"));
        }

        var c0Id = change.Contains("new id", StringComparison.Ordinal) ? "c0-new" : "c0";
        var exported = new List<Contact> { stored["c1"] with { Email = c1Now }, stored["c2"] };
        var links = storedLinks.Where(l => l.ContactId != "c0").ToList();
        if (c0Now is not null)
        {
            exported.Add(stored["c0"] with { Id = c0Id, Email = c0Now.Length == 0 ? null : c0Now });
            links.Add(Link(c0Id, "p0"));
        }

        var export = new SchoolExport
        {
            Pupils = [.. new[] { "p0", "p1" }.Select(id => new Pupil { Id = id, Upn = id, LegalForename = "F", LegalSurname = "S" })],
            Contacts = exported,
            ContactLinks = links,
            PupilsWithContactRows = new HashSet<string>(["p0", "p1"], StringComparer.Ordinal),
        };

        var result = MovedAddresses.Keep(export, storedLinks, stored);

        Assert.Equal(c1Now, result.Contacts.Single(c => c.Id == "c1").Email);   // the new holder's address is taken as given
        Assert.Equal(kept == "stand-in", result.RefusedContactRows.Any(r => r.Person.Id == c0Id && r.OnlyAddressRefused && r.PupilId == "p0"));
        Assert.Equal(kept == "kept whole", c0Now is null && result.Contacts.Any(c => c.Id == "c0" && c.Email == "a@x.example") && result.ContactLinks.Contains(Link("c0", "p0")));
        var said = result.Issues.Where(i => i.TellDataManagers).Select(i => i.Reason).ToList();
        Assert.Equal(warning is null ? 0 : 1, said.Count);
        Assert.All(said, r => Assert.StartsWith($"contact c1 (pupil p1) is given the e-mail address stored until now for contact c0 of another family (pupil p0), {warning}", r, StringComparison.Ordinal));
        Assert.All(said, r => Assert.DoesNotContain("x.example", r, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Edge cases: two new holders of one left-out contact, an unlinked stored holder met first, a left-out contact's pupil with no row.</summary>
    [Theory]
    [InlineData("two parents of family 2, one inbox, both given c0's address; c0 left out")]
    [InlineData("an unlinked stored contact with the address comes first")]
    [InlineData("c0 left out with its pupil, who has another stored contact")]
    public void Keep_EdgeCases_TheOneWhoHadItKeptOnceWithTheirFamily(string change)
    {
        var stored = new Dictionary<string, Contact>(StringComparer.Ordinal)
        {
            ["o9"] = new() { Id = "o9", Forename = "Old", Surname = "Parent", Email = "a@x.example" },
            ["c0"] = new() { Id = "c0", Forename = "Ann", Surname = "Lee", Email = "a@x.example" },
            ["c2"] = new() { Id = "c2", Forename = "Cy", Surname = "Lee", Email = "c@x.example" },
            ["g1"] = new() { Id = "g1", Forename = "Bea", Surname = "Cole", Email = "b@x.example" },
            ["g2"] = new() { Id = "g2", Forename = "Dan", Surname = "Cole", Email = "b@x.example" },
        };
        var two = change.StartsWith("two parents", StringComparison.Ordinal);
        List<ContactLink> storedLinks = [Link("c0", "p0"), Link("c2", "p0"), Link("g1", "p1"), .. two ? new[] { Link("g2", "p1") } : []];
        var leftOut = change.Contains("left out", StringComparison.Ordinal);
        var export = new SchoolExport
        {
            Pupils = [.. new[] { "p0", "p1" }.Select(id => new Pupil { Id = id, Upn = id, LegalForename = "F", LegalSurname = "S" })],
            Contacts = [stored["g1"] with { Email = "a@x.example" }, .. two ? new[] { stored["g2"] with { Email = "a@x.example" } } : [], .. leftOut ? [] : new[] { stored["c0"] with { Email = null }, stored["c2"] }],
            ContactLinks = [Link("g1", "p1"), .. two ? new[] { Link("g2", "p1") } : [], .. leftOut ? [] : new[] { Link("c0", "p0"), Link("c2", "p0") }],
            PupilsWithContactRows = new HashSet<string>(leftOut ? ["p1"] : ["p0", "p1"], StringComparer.Ordinal),
        };

        var result = MovedAddresses.Keep(export, storedLinks, stored);

        if (leftOut)
        {
            Assert.Single(result.Contacts, c => c.Id == "c0");
            // Its pupil keeps every stored contact, as a pupil with no row does: not the one kept for the address alone.
            Assert.Equal(["c0", "c2"], result.ContactLinks.Where(l => l.PupilId == "p0").Select(l => l.ContactId).Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.Contains(result.RefusedContactRows, r => r.Person.Id == "c0" && r.OnlyAddressRefused);
        }
    }

    private static ContactLink Link(string contact, string pupil) => new() { ContactId = contact, PupilId = pupil, ParentalResponsibility = true };
}
