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

    /// <summary>Below the threshold the export is stored, and each pupil given a wholly new family is named to the data managers.</summary>
    [Theory]
    [InlineData(300, 4, false)]
    [InlineData(20, 9, false)]
    [InlineData(20, 10, true)]
    [InlineData(400, 20, true)]
    public void Check_PupilsGivenOtherFamilies_RefusedFromTenAndATwentiethElseEachNamed(int pupils, int moved, bool refused)
    {
        var (stored, contacts) = Families(pupils);
        var links = stored.Select((l, i) => i < moved ? l with { ContactId = $"c{(i + 1) % moved}" } : l).ToList();

        var result = StoredChecks.Apply(Export(links, contacts.Values), new StoredSchool(new Dictionary<string, Pupil>(), stored, contacts));

        Assert.Equal(refused, result.Refused);
        if (!refused)
        {
            var named = result.Export!.Issues.Where(i => i.Reason.Contains("share nobody with the contacts stored for them", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, moved).Select(i => $"p{i}").Order(StringComparer.Ordinal), named.Select(i => i.Value));
            Assert.All(named, i => Assert.True(i.TellDataManagers && !i.IsError));
            Assert.Equal(
                $"pupil p0's contacts in contacts.csv share nobody with the contacts stored for them (they are stored for pupil p1): check the Pupil UPN column was not sorted on its own in a spreadsheet; reports about p0 will go to the new contacts",
                named[0].Reason);
            Assert.All(named, i => Assert.DoesNotContain("@", i.Reason, StringComparison.Ordinal));
            Assert.All(named, i => Assert.DoesNotMatch(@"\b[FS]\d", i.Reason));
        }
    }

    /// <summary>Pupils p0 and p1 have two contacts each (c and d); in the export c0 leaves p0 for p1 (or not).</summary>
    [Theory]
    [InlineData("moves by id", true)]
    [InlineData("moves by e-mail address under a new id", true)]
    [InlineData("moves between siblings", false)]
    [InlineData("is added to p1 and stays with p0", false)]
    [InlineData("moves from a pupil with no rows in the export", false)]                   // not in pupils.csv either: it keeps its contacts
    [InlineData("moves from a pupil in pupils.csv with no rows in contacts.csv", true)]   // which loses its contacts
    public void Check_ContactLeavesItsPupilForAnother_NamesBothUnlessTheyAreFamily(string change, bool warned)
    {
        var contacts = new[] { "c0", "d0", "c1", "d1", "s" }.Select(id => new Contact { Id = id, Forename = "F" + id, Surname = "S" + id, Email = $"{id}@family.example" })
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        List<ContactLink> stored = [Link("c0", "p0"), Link("d0", "p0"), Link("c1", "p1"), Link("d1", "p1")];
        if (change == "moves between siblings")
        {
            stored.AddRange([Link("s", "p0"), Link("s", "p1")]);
        }

        var exported = contacts.Values.ToList();
        var moved = change == "moves by e-mail address under a new id" ? "n0" : "c0";
        exported.Add(contacts["c0"] with { Id = "n0", Forename = "Other", Surname = "Name" });
        var links = stored.Where(l => l.ContactId != "c0" || change == "is added to p1 and stays with p0").Append(Link(moved, "p1")).ToList();
        if (change.StartsWith("moves from a pupil with", StringComparison.Ordinal) || change.StartsWith("moves from a pupil in", StringComparison.Ordinal))
        {
            links.RemoveAll(l => l.PupilId == "p0");
        }

        var export = Export(links, exported);
        if (change == "moves from a pupil in pupils.csv with no rows in contacts.csv")
        {
            export = export with { Pupils = [.. new[] { "p0", "p1" }.Select(id => new Pupil { Id = id, Upn = id, LegalForename = "F", LegalSurname = "S" + id })] };
        }

        var result = StoredChecks.Apply(export, new StoredSchool(new Dictionary<string, Pupil>(), stored, contacts));

        var warnings = result.Export!.Issues.Where(i => i.TellDataManagers && (i.Value == moved || i.Reason.Contains("share nobody", StringComparison.Ordinal))).ToList();
        Assert.Equal(warned ? 1 : 0, warnings.Count);
        if (warned)
        {
            Assert.Equal(
                $"contact {moved} is linked to pupil p1 in contacts.csv and no longer to pupil p0, for whom it is stored, and the two pupils share no other contact: check the Pupil UPN column was not sorted on its own in a spreadsheet; reports about p1 will go to this contact",
                warnings[0].Reason);
        }
    }

    /// <summary>Pupils p0 and p1 have two contacts each (c and d); the export links c0 to p1 as well, as the case says.</summary>
    [Theory]
    [InlineData("in place of d1", true)]
    [InlineData("beside d1", false)]                           // a new partner, say: p1 keeps their own
    [InlineData("in place of d1, the two pupils siblings", false)]
    public void Check_AnotherFamilysContactTakesThePlaceOfThePupilsOwn_Named(string change, bool warned)
    {
        var contacts = new[] { "c0", "d0", "c1", "d1", "s" }.Select(id => new Contact { Id = id, Forename = "F" + id, Surname = "S" + id, Email = $"{id}@family.example" })
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        List<ContactLink> stored = [Link("c0", "p0"), Link("d0", "p0"), Link("c1", "p1"), Link("d1", "p1")];
        if (change.Contains("siblings", StringComparison.Ordinal))
        {
            stored.AddRange([Link("s", "p0"), Link("s", "p1")]);
        }

        var links = stored.Where(l => !(l.ContactId == "d1" && change.StartsWith("in place", StringComparison.Ordinal))).Append(Link("c0", "p1")).ToList();

        var result = StoredChecks.Apply(Export(links, contacts.Values), new StoredSchool(new Dictionary<string, Pupil>(), stored, contacts));

        var warnings = result.Export!.Issues.Where(i => i.TellDataManagers && i.Value == "c0").Select(i => i.Reason).ToList();
        Assert.Equal(warned ? ["contact c0 is linked to pupil p1 in contacts.csv in place of their contact d1, and is stored for pupil p0, with whom p1 shares no other contact: check another family's contact was not entered or copied over this one; reports about p1 will go to contact c0"] : [], warnings);
    }

    private static ContactLink Link(string contact, string pupil) => new() { ContactId = contact, PupilId = pupil };

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
