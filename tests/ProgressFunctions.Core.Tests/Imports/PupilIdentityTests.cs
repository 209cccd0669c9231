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
}
