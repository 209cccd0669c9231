using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class PupilIdentityTests
{
    private static readonly Pupil s_stored = new() { Id = "p1", Upn = "U1", LegalForename = "Sam", LegalSurname = "Lee", DateOfBirth = new(2014, 1, 2) };

    /// <summary>The warning to the data managers names the column that changed and says what changed, not "name or date of birth".</summary>
    [Theory]
    [InlineData("Sam", "Lee-Smith", "2014-01-02", "Legal Surname", "legal surname changes")]
    [InlineData("Samuel", "Lee", "2014-01-02", "Legal Forename", "legal forename changes")]
    [InlineData("Sam", "Lee", "2014-02-01", "Date of Birth", "date of birth changes")]
    [InlineData("Samuel", "Lee", "2014-02-01", "Legal Forename", "legal forename and date of birth change")]
    [InlineData("Samuel", "Smith", "2014-02-01", "Legal Surname", "legal surname, legal forename and date of birth change")]
    public void Renamed_OnePupilChanges_WarningNamesWhatChanged(string forename, string surname, string born, string column, string what)
    {
        var now = s_stored with { LegalForename = forename, LegalSurname = surname, DateOfBirth = DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture) };
        var export = new SchoolExport { Pupils = [now], PupilRows = new Dictionary<string, RowRef> { ["p1"] = new("pupils.csv", 2) } };

        var renamed = PupilIdentity.Renamed(export, new Dictionary<string, Pupil> { ["p1"] = s_stored });

        var warning = Assert.Single(renamed.Issues);
        Assert.Equal((column, $"pupil p1's {what} in this export: check it in the MIS before reports go out under it", true, false),
            (warning.Column, warning.Reason, warning.TellDataManagers, warning.IsError));
        Assert.Equal([now], renamed.Pupils);
    }

    /// <summary>An admission number saved by a spreadsheet loses its leading zeros: the error says so, where "check the MIS" sent the data manager to a MIS that is right.</summary>
    [Theory]
    [InlineData("000123", "123", "the two ids differ only in leading zeros, which a spreadsheet drops when it saves the file: export again from the MIS and import that file as it is, or set the column to text before saving")]
    [InlineData("123", "000123", "the two ids differ only in leading zeros, which a spreadsheet drops when it saves the file: export again from the MIS and import that file as it is, or set the column to text before saving")]
    [InlineData("000123", "124", "check the MIS: a pupil keeps one id")]
    [InlineData("p-0123", "p-123", "check the MIS: a pupil keeps one id")]
    public void Check_StoredUpnUnderAnotherId_ErrorSaysWhatToCheck(string storedId, string exportId, string whatToCheck)
    {
        var stored = s_stored with { Id = storedId, Upn = "C201100025001" };
        var now = stored with { Id = exportId };
        var export = new SchoolExport { Pupils = [now], PupilRows = new Dictionary<string, RowRef> { [exportId] = new("pupils.csv", 2) } };

        var checkedExport = PupilIdentity.Check(export, new Dictionary<string, Pupil> { [storedId] = stored });

        var error = Assert.Single(checkedExport.Issues, i => i.File == "pupils.csv");
        Assert.True(error.IsError);
        Assert.Equal($"UPN C201100025001 is stored as pupil {storedId} but this export gives it Pupil ID {exportId}: not imported, nor anything else about this pupil in the export ({whatToCheck})", error.Reason);
        Assert.Empty(checkedExport.Pupils);
    }
}
