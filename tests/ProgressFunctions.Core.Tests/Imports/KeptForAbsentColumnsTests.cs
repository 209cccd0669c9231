using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Imports.AbsentColumnsTests;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>An export without an optional column keeps what is stored for that field; an empty cell is the school's own word.</summary>
public sealed class KeptForAbsentColumnsTests
{
    private static readonly DateTimeOffset s_exportedAt = new(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);

    /// <summary>What the first export, with every column, stored.</summary>
    private static readonly KnownSchool s_stored = ExportMerge.Apply(KnownSchool.Empty, Read(PupilsCsv, ContactsCsv), s_exportedAt).School;

    /// <summary>The steps ingest takes before the merge for columns an export lacks, in its order, then the merge.</summary>
    private static (KnownSchool School, SchoolExport Export) Import(SchoolExport export, KnownSchool stored)
    {
        var kept = ContactSafeguards.Keep(
            KeptForAbsentColumns.Apply(export, stored.Pupils, stored.Contacts, stored.ContactLinks), stored.ContactLinks, stored.Contacts);
        return (ExportMerge.Apply(stored, kept, s_exportedAt.AddDays(7)).School, kept);
    }

    [Theory]
    [InlineData("pupils.csv", "Preferred Forename")]
    [InlineData("pupils.csv", "Date of Birth")]
    [InlineData("pupils.csv", "Gender")]
    [InlineData("pupils.csv", "Reg Group")]
    [InlineData("pupils.csv", "SEN")]
    [InlineData("pupils.csv", "FSM")]
    [InlineData("pupils.csv", "Pupil Premium")]
    [InlineData("pupils.csv", "EAL")]
    [InlineData("pupils.csv", "Looked After")]
    [InlineData("pupils.csv", "Admission Date")]
    [InlineData("pupils.csv", "Leaving Date")]
    [InlineData("contacts.csv", "Title")]
    [InlineData("contacts.csv", "Email")]
    [InlineData("contacts.csv", "Phone")]
    [InlineData("contacts.csv", "Relationship")]
    [InlineData("contacts.csv", "Parental Responsibility")]
    [InlineData("contacts.csv", "Receives Correspondence")]
    [InlineData("contacts.csv", "Priority")]
    [InlineData("contacts.csv", "Restriction")]
    public void Apply_ExportWithoutAnOptionalColumn_EveryStoredRecordUnchanged(string file, string column)
    {
        var export = file == "pupils.csv" ? Read(Without(PupilsCsv, column), ContactsCsv) : Read(PupilsCsv, Without(ContactsCsv, column));
        // Read as it is, the export blanks that field: the test would prove nothing otherwise.
        Assert.False(ExportMerge.Apply(s_stored, export, s_exportedAt.AddDays(7)).Summary.ChangedNothing, column);

        var (school, _) = Import(export, s_stored);

        Assert.Equal(s_stored.Pupils.Values.OrderBy(p => p.Id), school.Pupils.Values.OrderBy(p => p.Id));
        Assert.Equal(s_stored.Contacts.Values.OrderBy(c => c.Id), school.Contacts.Values.OrderBy(c => c.Id));
        Assert.True(s_stored.ContactLinks.SetEquals(school.ContactLinks), column);
    }

    /// <summary>A column that warns "the stored value is kept" when absent must be one whose stored value is kept.</summary>
    [Fact]
    public void Columns_EveryColumnThatWarnsWhenAbsent_AndNoOther()
    {
        var warning = Core.Imports.Csv.PupilsCsv.Columns.Concat(Core.Imports.Csv.ContactsCsv.Columns).Where(c => c.WhenAbsent is not null);

        Assert.Equal(warning.Select(c => c.Name).Order(), KeptForAbsentColumns.Columns.Select(c => c.Name).Order());
    }

    [Fact]
    public void Apply_StoredPupilWithSenSupportExportWithoutSenColumn_StillSupportWithOneWarning()
    {
        var (school, export) = Import(Read(Without(PupilsCsv, "SEN"), ContactsCsv), s_stored);

        Assert.Equal(SenStatus.Support, school.Pupils["p1"].Sen);
        Assert.Equal(SenStatus.Ehcp, school.Pupils["p2"].Sen);
        Assert.Single(export.Issues, i => i.Reason.Contains("SEN", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_RestrictedContactExportWithoutRestrictionColumn_StillRestricted()
    {
        var (school, export) = Import(Read(PupilsCsv, Without(ContactsCsv, "Restriction")), s_stored);

        Assert.Equal("No contact (court order)", school.ContactLinks.Single(l => l.ContactId == "c1").Restriction);
        Assert.Single(export.Issues, i => i.Reason.Contains("Restriction", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A column the file has, with the cell left empty, is the school's change: SEN support ended, a court order lifted.</summary>
    [Fact]
    public void Apply_ColumnPresentWithAnEmptyCell_ValueCleared()
    {
        var export = Read(PupilsCsv.Replace(",K,Y,Y,Y,Y,", ",,Y,Y,Y,Y,", StringComparison.Ordinal), ContactsCsv.Replace(",No contact (court order)", ",", StringComparison.Ordinal));

        var (school, kept) = Import(export, s_stored);

        Assert.Equal(SenStatus.None, school.Pupils["p1"].Sen);
        Assert.Null(school.ContactLinks.Single(l => l.ContactId == "c1").Restriction);
        Assert.Contains(kept.Issues, i => i.TellDataManagers && i.Reason.Contains("is lifted by this export", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_PupilNewToTheStoreInAnExportWithoutTheColumn_DefaultValue()
    {
        var stored = s_stored with { Pupils = s_stored.Pupils.Remove("p2") };

        var (school, _) = Import(Read(Without(PupilsCsv, "SEN"), ContactsCsv), stored);

        Assert.Equal((SenStatus.Support, SenStatus.None), (school.Pupils["p1"].Sen, school.Pupils["p2"].Sen));
    }

    /// <summary>Without the Leaving Date column, the register is what can say that a pupil taken off roll is back.</summary>
    [Theory]
    [InlineData("2025-09-02", null)]                // marked present the day after: back on roll
    [InlineData("2025-09-10", "2025-09-10")]        // marked only before it: still left
    public void Apply_StoredLeaverInAnExportWithoutLeavingDate_OnRollOnlyWhenMarkedAfterIt(string left, string? expected)
    {
        var stored = s_stored with { Pupils = s_stored.Pupils.SetItem("p2", s_stored.Pupils["p2"] with { LeavingDate = DateOnly.Parse(left, System.Globalization.CultureInfo.InvariantCulture) }) };
        var export = Core.Imports.Bundle.BundleReader.Read(TestFiles.Bundle(
            ("pupils.csv", System.Text.Encoding.UTF8.GetBytes(Without(PupilsCsv, "Leaving Date"))),
            ("attendance.csv", "UPN,Date,Session,Mark\nR201100025002,2025-09-03,AM,/\nR201100025002,2025-09-03,PM,/\n"u8.ToArray())));
        Assert.Equal(2, export.Attendance!.MarkCount);

        var (school, _) = Import(export, stored);

        Assert.Equal(expected, school.Pupils["p2"].LeavingDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2026, 7, 20), school.Pupils["p1"].LeavingDate);
    }

    /// <summary>Without Contact ID or Email, a contact's id is made from their name and phone: the stored contact is found by name among the pupil's own.</summary>
    [Fact]
    public void Apply_NoContactIdNorEmailColumn_StoredAddressFoundThroughThePupilsSameNamedContact()
    {
        var export = Read(PupilsCsv, Without(Without(ContactsCsv, "Contact ID"), "Email"));

        var (_, kept) = Import(export, s_stored);

        var ann = kept.Contacts.Single(c => c.Forename == "Ann");
        Assert.NotEqual("c1", ann.Id);
        Assert.Equal("ann@home.example", ann.Email);
    }

    /// <summary>
    /// Two families' parents of one name, without ids, e-mail or phone in the export, are one contact to it: whose
    /// stored address it should have is a guess, and a wrong guess sends one child's report to another family.
    /// </summary>
    [Fact]
    public void Apply_OneExportedContactMatchingTwoFamiliesStoredContacts_NoStoredAddressGiven()
    {
        var stored = s_stored with
        {
            Contacts = s_stored.Contacts.SetItem("c2", s_stored.Contacts["c2"] with { Forename = "Ann", Surname = "Lee" }),
        };
        var contacts = Without(Without(Without(ContactsCsv, "Contact ID"), "Email"), "Phone").Replace("Ben,Okafor", "Ann,Lee", StringComparison.Ordinal);

        var (_, kept) = Import(Read(PupilsCsv, contacts), stored);

        var ann = Assert.Single(kept.Contacts);
        Assert.Null(ann.Email);
        Assert.Equal(2, kept.ContactLinks.Count(l => l.ContactId == ann.Id));
    }
}
