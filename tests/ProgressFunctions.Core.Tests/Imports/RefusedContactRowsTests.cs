using ProgressFunctions.Core.Imports;
using static ProgressFunctions.Core.Tests.Imports.SmallExports;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>A contacts.csv row that cannot be used as it stands takes nothing stored away: the pupil keeps the stored contact it names, with a warning.</summary>
public class RefusedContactRowsTests
{
    private static string A { get; } = Upn(1);

    private static string B { get; } = Upn(2);

    private const string Pupils = "Pupil ID,UPN,Legal Surname,Legal Forename,Year\n";
    private const string Header = "Contact ID,Pupil UPN,Forename,Surname,Email,Parental Responsibility,Priority,Restriction\n";

    private static (string, string) PupilsCsv => ("pupils.csv", Pupils + $"P1,{A},Lee,Sam,7\nP2,{B},Okafor,Ife,7\n");

    private static string Ann(string upn) => $"c1,{upn},Ann,Lee,ann@family.example,Y,1,\n";

    private static string Others => $"c2,{A},Tom,Lee,tom@family.example,Y,2,\nc3,{B},Ngozi,Okafor,ngozi@family.example,Y,1,\n";

    /// <summary>Ann (c1) is P1's contact, with Tom (c2); Ngozi (c3) is P2's.</summary>
    private static KnownSchool Stored() => Import(KnownSchool.Empty, PupilsCsv, ("contacts.csv", Header + Ann(A) + Others));

    /// <summary>Ann's row (line 2) as broken, and rows added after the others.</summary>
    public static TheoryData<string, string, string> Broken() => new()
    {
        { "e-mail not an address", $"c1,{A},Ann,Lee,ann@@family.example,Y,1,\n", "" },
        { "parental responsibility not yes or no", $"c1,{A},Ann,Lee,ann@family.example,maybe,1,\n", "" },
        { "priority not a number", $"c1,{A},Ann,Lee,ann@family.example,Y,first,\n", "" },
        { "forename empty", $"c1,{A},,Lee,ann@family.example,Y,1,\n", "" },
        { "contact id outside the rule", $"c 1,{A},Ann,Lee,ann@family.example,Y,1,\n", "" },
        { "contact id given to another person too", Ann(A), $"c1,{B},Zed,Other,zed@other.example,Y,2,\n" },
        { "pupil UPN empty", Ann(""), "" },
        { "pupil UPN of no pupil in pupils.csv", Ann(Upn(9)), "" },
        { "pupil UPN with a wrong check letter", Ann((A[0] == 'A' ? 'B' : 'A') + A[1..]), "" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Import_StoredContactsRowRefused_PupilKeepsTheStoredContactAndTheDataManagersAreTold(string broken, string row, string added)
    {
        var stored = Stored();

        var checkedExport = Check(stored, PupilsCsv, ("contacts.csv", Header + row + Others + added));
        var after = ExportMerge.Apply(stored, checkedExport.Export!, At).School;

        Assert.Equal(["c1", "c2"], after.ContactLinks.Where(l => l.PupilId == "P1").Select(l => l.ContactId).Order());
        Assert.Equal(["c3"], after.ContactLinks.Where(l => l.PupilId == "P2").Select(l => l.ContactId));
        Assert.Equal("ann@family.example", after.Contacts["c1"].Email);
        var warning = Assert.Single(checkedExport.Export!.Issues, i => !i.IsError && i.File == "contacts.csv" && i.Line == 2);
        Assert.True(warning.TellDataManagers, broken);
        Assert.Contains("pupil P1", warning.Reason, StringComparison.Ordinal);
        Assert.Contains("contact c1", warning.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", warning.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("@", warning.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Court order", null, "Court order", true)]      // the refused row restricts: the restriction is kept
    [InlineData("", "N", null, false)]                           // the refused row says no correspondence
    [InlineData("", "maybe", null, true)]                        // nothing it says can be read: the stored link as it was
    public void Import_RefusedRowSaysMoreRestrictedThanStored_KeptLinkTakesTheRestriction(string restriction, string? correspondence, string? kept, bool receives)
    {
        var header = "Contact ID,Pupil UPN,Forename,Surname,Email,Parental Responsibility,Receives Correspondence,Priority,Restriction\n";
        var stored = Import(KnownSchool.Empty, PupilsCsv, ("contacts.csv", header + $"c1,{A},Ann,Lee,ann@family.example,Y,Y,1,\n"));

        // The priority cannot be read: the row is refused, but what it says about restricting contact still counts.
        var after = Import(stored, PupilsCsv, ("contacts.csv", header + $"c1,{A},Ann,Lee,ann@family.example,Y,{correspondence ?? "Y"},first,{restriction}\n"));

        var link = Assert.Single(after.ContactLinks, l => l.PupilId == "P1");
        Assert.Equal(("c1", kept, receives), (link.ContactId, link.Restriction, link.ReceivesCorrespondence));
    }

    [Theory]
    [InlineData("parental responsibility not yes or no", "c3,{0},Ngozi,Okafor,ngozi@family.example,maybe,1,\n")]
    [InlineData("pupil UPN empty", "c3,,Ngozi,Okafor,ngozi@family.example,Y,1,\n")]
    public void Import_APupilsOnlyRowRefused_TheStoredContactKeptNotRemoved(string broken, string row)
    {
        var stored = Stored();

        var checkedExport = Check(stored, PupilsCsv, ("contacts.csv", Header + Ann(A) + $"c2,{A},Tom,Lee,tom@family.example,Y,2,\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, row, B)));
        var after = ExportMerge.Apply(stored, checkedExport.Export!, At).School;

        Assert.Equal(["c3"], after.ContactLinks.Where(l => l.PupilId == "P2").Select(l => l.ContactId));
        Assert.DoesNotContain(checkedExport.Export!.Issues, i => i.Reason.Contains("lists no contact for them", StringComparison.Ordinal));
        Assert.Contains(checkedExport.Export!.Issues, i => i.TellDataManagers && i.Line == 4 && i.Reason.Contains("pupil P2", StringComparison.Ordinal));
        Assert.NotEmpty(broken);
    }

    /// <summary>A pupil whose one row names no pupil (its UPN cell empty) has no usable row at all: nothing says which contacts they no longer have.</summary>
    [Fact]
    public void Import_PupilsOnlyRowNamesNoPupil_EveryStoredContactKept()
    {
        var stored = Stored();

        var checkedExport = Check(stored, PupilsCsv, ("contacts.csv", Header + Ann("") + $"c3,{B},Ngozi,Okafor,ngozi@family.example,Y,1,\n"));
        var after = ExportMerge.Apply(stored, checkedExport.Export!, At).School;

        Assert.Equal(["c1", "c2"], after.ContactLinks.Where(l => l.PupilId == "P1").Select(l => l.ContactId).Order());
        var warning = Assert.Single(checkedExport.Export!.Issues, i => i.TellDataManagers);
        Assert.Equal(2, warning.Line);
        Assert.Contains("with the pupil's other stored contacts", warning.Reason, StringComparison.Ordinal);
    }

    /// <summary>Without a Contact ID column a contact's id is made from their name and e-mail address, so a broken address gives another id.</summary>
    [Fact]
    public void Import_AddressBrokenWhereIdsAreMadeFromIt_PupilKeepsTheStoredContactWithItsAddress()
    {
        const string header = "Pupil UPN,Forename,Surname,Email,Parental Responsibility\n";
        var stored = Import(KnownSchool.Empty, PupilsCsv, ("contacts.csv", header + $"{A},Ann,Lee,ann@family.example,Y\n{A},Tom,Lee,tom@family.example,Y\n"));
        var ann = RecordIds.Contact("Ann", "Lee", "ann@family.example", null);

        var checkedExport = Check(stored, PupilsCsv, ("contacts.csv", header + $"{A},Ann,Lee,ann@@family.example,Y\n{A},Tom,Lee,tom@family.example,Y\n"));
        var after = ExportMerge.Apply(stored, checkedExport.Export!, At).School;

        Assert.Equal(2, after.ContactLinks.Count(l => l.PupilId == "P1"));
        Assert.Contains(after.ContactLinks, l => l.PupilId == "P1" && l.ContactId == ann);
        Assert.Equal("ann@family.example", after.Contacts[ann].Email);
        Assert.Contains(checkedExport.Export!.Issues, i => i.TellDataManagers && i.Line == 2 && i.Reason.Contains($"contact {ann}", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_NewContactWithABrokenAddress_KeptWithoutOneAsBefore()
    {
        var stored = Stored();

        var after = Import(stored, PupilsCsv, ("contacts.csv", Header + Ann(A) + Others + $"c4,{B},Kemi,Okafor,kemi@@family.example,Y,2,\n"));

        Assert.Contains(after.ContactLinks, l => l.PupilId == "P2" && l.ContactId == "c4");
        Assert.Equal((null, true), (after.Contacts["c4"].Email, after.Contacts["c4"].EmailRefused));
    }

    /// <summary>The next export lacks the Relationship column, so the stored relationship is put back on the row's link
    /// before the address is checked: the stored contact still stands in, and keeps its address.</summary>
    [Fact]
    public void Import_AddressBrokenInAnExportWithoutAColumn_StoredAddressKept()
    {
        const string withRelationship = "Contact ID,Pupil UPN,Forename,Surname,Email,Relationship,Parental Responsibility,Priority,Restriction\n";
        var stored = Import(KnownSchool.Empty, PupilsCsv, ("contacts.csv", withRelationship + $"c1,{A},Ann,Lee,ann@family.example,Mother,Y,1,\nc3,{B},Ngozi,Okafor,ngozi@family.example,Mother,Y,1,\n"));

        var checkedExport = Check(stored, PupilsCsv, ("contacts.csv", Header + $"c1,{A},Ann,Lee,ann@@family.example,Y,1,\nc3,{B},Ngozi,Okafor,ngozi@family.example,Y,1,\n"));
        var after = ExportMerge.Apply(stored, checkedExport.Export!, At).School;

        Assert.Equal(("ann@family.example", "Mother"), (after.Contacts["c1"].Email, after.ContactLinks.Single(l => l.ContactId == "c1").Relationship));
        Assert.Contains(checkedExport.Export!.Issues, i => i.TellDataManagers && i.Reason.Contains("keeps the address stored for them", StringComparison.Ordinal));
    }

    /// <summary>A brother with the restricted father's name and a broken address is not the father: he is kept as a
    /// contact of his own without an address, and the father's link keeps its restriction, once.</summary>
    [Fact]
    public void Import_NamesakeOfALinkedContactWithABrokenAddress_NotTakenForThem()
    {
        var stored = Import(KnownSchool.Empty, PupilsCsv, ("contacts.csv", Header + $"c1,{A},Sam,Lee,sam@family.example,Y,1,No contact (court order)\n"));

        var after = Import(stored, PupilsCsv, ("contacts.csv", Header + $"c1,{A},Sam,Lee,sam@family.example,Y,1,No contact (court order)\nc9,{A},Sam,Lee,sam@@family.example,N,3,\n"));

        var links = after.ContactLinks.Where(l => l.PupilId == "P1").OrderBy(l => l.ContactId, StringComparer.Ordinal).ToList();
        Assert.Equal([("c1", "No contact (court order)"), ("c9", null)], links.Select(l => (l.ContactId, l.Restriction)));
        Assert.Equal(("sam@family.example", null), (after.Contacts["c1"].Email, after.Contacts["c9"].Email));
    }
}
