using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class ContactSafeguardsTests
{
    private const string CourtOrder = "No contact (court order)";

    private static readonly Contact s_stored = new() { Id = "c-mis-1", Forename = "Mark", Surname = "Brontë", Phone = "07700 900999" };

    private static readonly ContactLink s_storedLink = new()
    {
        ContactId = s_stored.Id, PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, ReceivesCorrespondence = false, Restriction = CourtOrder,
    };

    [Theory]
    [InlineData("a CTF, same contact id", "c-mis-1", "Mark", false, null, CourtOrder, false, "")]
    [InlineData("a CTF, the contact's id made from new details", "c-ctf-9", "MARK ", false, null, CourtOrder, false, "")]
    [InlineData("a CTF, a contact the store has never seen", "c-ctf-9", "Paul", false, null, null, true, "1 contact links are new to the store")]
    [InlineData("contacts.csv with the columns, restriction kept", "c-mis-1", "Mark", true, CourtOrder, CourtOrder, true, "")]
    [InlineData("contacts.csv with the columns, restriction gone", "c-mis-1", "Mark", true, null, null, true, "the restriction on contact c-mis-1 for pupil p1 (\"No contact (court order)\") is lifted")]
    public void Keep_StoredRestrictedLink_KeptUnlessTheExportSaysOtherwiseAndThenWarned(
        string export, string contactId, string forename, bool says, string? exported, string? expected, bool expectedCorrespondence, string warning)
    {
        var contact = new Contact { Id = contactId, Forename = forename, Surname = "Brontë", Phone = "07700 900111" };
        var school = new SchoolExport
        {
            Contacts = [contact],
            ContactLinks = [new ContactLink { ContactId = contactId, PupilId = "p1", Relationship = "Parent", ParentalResponsibility = true, Restriction = exported }],
            SaysRestrictions = says,
            SaysCorrespondence = says,
            RecordsRead = new Dictionary<string, long> { [says ? "contacts.csv" : "school.ctf.xml"] = 1 },
        };

        var kept = ContactSafeguards.Keep(school, [s_storedLink], new Dictionary<string, Contact> { [s_stored.Id] = s_stored });

        var link = Assert.Single(kept.ContactLinks);
        Assert.True((expected, expectedCorrespondence) == (link.Restriction, link.ReceivesCorrespondence), $"{export}: restriction {link.Restriction}, correspondence {link.ReceivesCorrespondence}");
        Assert.Equal(warning.Length == 0 ? 0 : 1, kept.WarningCount);
        Assert.All(kept.Issues, i => Assert.Contains(warning, i.Reason, StringComparison.Ordinal));
        // Every one of these warnings is about who may be sent a child's reports: the data managers are sent it.
        Assert.All(kept.Issues, i => Assert.True(i.TellDataManagers, i.Reason));
    }

    /// <summary>A school's first import stores no restriction to keep: a contacts.csv that cannot say them is said to the data managers, once.</summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Keep_FirstImportOfContactsCsv_WithoutTheRestrictionColumnOneWarningToTheDataManagers(bool hasColumn, bool warned)
    {
        var contacts = hasColumn ? AbsentColumnsTests.ContactsCsv : AbsentColumnsTests.Without(AbsentColumnsTests.ContactsCsv, "Restriction");
        var export = AbsentColumnsTests.Read(AbsentColumnsTests.PupilsCsv, contacts);

        var kept = ContactSafeguards.Keep(export, [], new Dictionary<string, Contact>());

        var about = kept.Issues.Where(i => i.Reason.Contains("restrict", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(warned ? 1 : 0, about.Count);
        if (warned)
        {
            Assert.Equal(("contacts.csv", 1, "Restriction", true), (about[0].File, about[0].Line, about[0].Column, about[0].TellDataManagers));
            Assert.Equal("contacts.csv has no Restriction column and no contact is stored for this school yet: no contact is treated as restricted, so a parent "
                + "under a court order or a no-contact flag would be sent the reports and letters of their child. Record the restrictions in the MIS and import "
                + "a contacts.csv with the Restriction column before any batch is released", about[0].Reason);
            Assert.All(kept.ContactLinks, l => Assert.Null(l.Restriction));
        }
    }
}
