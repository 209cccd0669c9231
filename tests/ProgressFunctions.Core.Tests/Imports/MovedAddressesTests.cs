using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class MovedAddressesTests
{
    /// <summary>Contact c0 (pupil p0) held a@x.example, c1 (pupil p1) b@x.example; the export gives c1 the address as the case says.</summary>
    [Theory]
    [InlineData("cut from c0, pasted on c1", "", "a@x.example", true, true)]
    [InlineData("in capitals, spaces around", "", " A@X.example ", true, true)]
    [InlineData("c0 now has another address", "new@x.example", "a@x.example", true, false)]
    [InlineData("copied: c0 keeps it too (a shared address)", "a@x.example", "a@x.example", false, false)]
    [InlineData("c1 the same person as c0 (same name)", "", "a@x.example", false, false)]
    [InlineData("the two families are one (a sibling shares c2)", "", "a@x.example", false, false)]
    [InlineData("nothing moved", "a@x.example", "b@x.example", false, false)]
    public void Keep_AddressOfAnotherFamilysContact_RefusedForTheNewHolderAndKeptForTheOld(string change, string c0Now, string c1Now, bool refused, bool oldKept)
    {
        var stored = new Dictionary<string, Contact>(StringComparer.Ordinal)
        {
            ["c0"] = new() { Id = "c0", Forename = "Ann", Surname = "Lee", Email = "a@x.example" },
            ["c1"] = new() { Id = "c1", Forename = change.Contains("same name", StringComparison.Ordinal) ? "Ann" : "Bea", Surname = change.Contains("same name", StringComparison.Ordinal) ? "Lee" : "Cole", Email = "b@x.example" },
            ["c2"] = new() { Id = "c2", Forename = "Cy", Surname = "Lee", Email = "c@x.example" },
        };
        List<ContactLink> storedLinks = [Link("c0", "p0"), Link("c1", "p1"), Link("c2", "p0")];
        if (change.Contains("sibling", StringComparison.Ordinal))
        {
            storedLinks.Add(Link("c2", "p1"));
        }

        var export = new SchoolExport
        {
            Contacts = [stored["c0"] with { Email = c0Now.Length == 0 ? null : c0Now }, stored["c1"] with { Email = c1Now }, stored["c2"]],
            ContactLinks = storedLinks,
            PupilsWithContactRows = new HashSet<string>(["p0", "p1"], StringComparer.Ordinal),
        };

        var kept = MovedAddresses.Keep(export, storedLinks, stored);

        Assert.Equal(refused, kept.Contacts.Single(c => c.Id == "c1") is { Email: null, EmailRefused: true });
        Assert.Equal(refused, kept.RefusedContactRows.Any(r => r.Person.Id == "c1" && r.OnlyAddressRefused));
        Assert.Equal(oldKept, kept.RefusedContactRows.Any(r => r.Person.Id == "c0" && r.OnlyAddressRefused));
        Assert.Equal(refused, kept.Issues.Any(i => i.TellDataManagers && i.Reason.StartsWith("contact c1 (pupil p1) is given the e-mail address stored until now for contact c0 of another family (pupil p0)", StringComparison.Ordinal)));
        Assert.DoesNotContain(kept.Issues, i => i.Reason.Contains("x.example", StringComparison.OrdinalIgnoreCase));
    }

    private static ContactLink Link(string contact, string pupil) => new() { ContactId = contact, PupilId = pupil, ParentalResponsibility = true };
}
