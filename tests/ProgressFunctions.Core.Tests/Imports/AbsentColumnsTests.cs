using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>An optional column a file lacks is said once, on its header line, whatever the number of rows.</summary>
public sealed class AbsentColumnsTests
{
    internal const string PupilsCsv =
        "UPN,Pupil ID,Legal Surname,Legal Forename,Preferred Forename,Date of Birth,Gender,Year,Reg Group,SEN,FSM,Pupil Premium,EAL,Looked After,Admission Date,Leaving Date\n"
        + "C201100025001,p1,Brontë,Zoë,Zo,2014-01-02,F,7,7A,K,Y,Y,Y,Y,2025-09-01,2026-07-20\n"
        + "R201100025002,p2,Okafor,Chidi,,2014-03-04,M,7,7B,E,N,Y,N,Y,2025-09-01,\n";

    internal const string ContactsCsv =
        "Contact ID,Pupil UPN,Title,Forename,Surname,Email,Phone,Relationship,Parental Responsibility,Receives Correspondence,Priority,Restriction\n"
        + "c1,C201100025001,Mrs,Ann,Lee,ann@home.example,07700 900111,Mother,Y,N,2,No contact (court order)\n"
        + "c2,R201100025002,Mr,Ben,Okafor,ben@home.example,07700 900222,Father,Y,Y,1,\n";

    /// <summary>The CSV text with one column taken out of the header and of every row (the test files quote nothing).</summary>
    internal static string Without(string csv, string column)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, column);
        return string.Concat(lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != index)) + "\n"));
    }

    internal static SchoolExport Read(string pupils, string? contacts = null) =>
        BundleReader.Read(contacts is null
            ? TestFiles.Bundle(("pupils.csv", Encoding.UTF8.GetBytes(pupils)))
            : TestFiles.Bundle(("pupils.csv", Encoding.UTF8.GetBytes(pupils)), ("contacts.csv", Encoding.UTF8.GetBytes(contacts))));

    [Theory]
    [InlineData("SEN", "SEN status", "none")]
    [InlineData("FSM", "free school meals eligibility", "not eligible")]
    [InlineData("Pupil Premium", "pupil premium eligibility", "not eligible")]
    [InlineData("EAL", "English as an additional language status", "no")]
    [InlineData("Looked After", "looked-after status", "not looked after")]
    [InlineData("Preferred Forename", "preferred forename", "none")]
    [InlineData("Date of Birth", "date of birth", "none")]
    [InlineData("Gender", "gender", "none")]
    [InlineData("Reg Group", "registration group", "none")]
    [InlineData("Admission Date", "admission date", "none")]
    [InlineData("Leaving Date", "leaving date", "no leaving date")]
    public void Read_PupilsCsvWithoutAnOptionalColumn_OneWarningOnTheHeaderNamingFileAndColumn(string column, string field, string forNew)
    {
        var export = Read(Without(PupilsCsv, column));

        var warning = Assert.Single(export.Issues, i => i.File == "pupils.csv");
        Assert.Equal((IssueSeverity.Warning, 1, column), (warning.Severity, warning.Line, warning.Column));
        Assert.Equal($"pupils.csv has no {column} column: the stored {field} of each pupil is kept ({forNew} for a pupil new to the store)", warning.Reason);
        Assert.Equal(2, export.Pupils.Count);
    }

    [Theory]
    [InlineData("Title", "title", "none")]
    [InlineData("Email", "e-mail address", "none")]
    [InlineData("Phone", "phone number", "none")]
    [InlineData("Relationship", "relationship", "none")]
    [InlineData("Parental Responsibility", "parental responsibility", "none")]
    [InlineData("Receives Correspondence", "correspondence setting", "receives correspondence")]
    [InlineData("Priority", "priority", "1")]
    [InlineData("Restriction", "restriction", "no restriction")]
    public void Read_ContactsCsvWithoutAnOptionalColumn_OneWarningOnTheHeaderNamingFileAndColumn(string column, string field, string forNew)
    {
        var export = Read(PupilsCsv, Without(ContactsCsv, column));

        var warning = Assert.Single(export.Issues, i => i.File == "contacts.csv");
        Assert.Equal((IssueSeverity.Warning, 1, column), (warning.Severity, warning.Line, warning.Column));
        Assert.Equal($"contacts.csv has no {column} column: the stored {field} of each contact is kept ({forNew} for a contact new to the store)", warning.Reason);
        Assert.Equal(2, export.ContactLinks.Count);
    }

    /// <summary>Ids the product derives when the column is absent are not stored values a file could blank.</summary>
    [Theory]
    [InlineData("pupils.csv", "Pupil ID")]
    [InlineData("contacts.csv", "Contact ID")]
    public void Read_FileWithoutItsIdColumn_NoWarning(string file, string column)
    {
        var export = file == "pupils.csv" ? Read(Without(PupilsCsv, column)) : Read(PupilsCsv, Without(ContactsCsv, column));

        Assert.DoesNotContain(export.Issues, i => i.File == file);
    }

    /// <summary>A cell left empty in a column the file has is the school's own word: the value is empty, and nothing is said.</summary>
    [Fact]
    public void Read_ColumnPresentWithEmptyCells_EmptyValuesAndNoWarning()
    {
        var export = Read(PupilsCsv.Replace(",K,Y,Y,Y,Y,", ",,Y,Y,Y,Y,", StringComparison.Ordinal), ContactsCsv.Replace(",No contact (court order)", ",", StringComparison.Ordinal));

        Assert.Equal(SenStatus.None, export.Pupils.Single(p => p.Id == "p1").Sen);
        Assert.All(export.ContactLinks, l => Assert.Null(l.Restriction));
        Assert.DoesNotContain(export.Issues, i => i.File is "pupils.csv" or "contacts.csv");
    }

    /// <summary>A pupil without a year group cannot be routed to their year leader: the file is refused, saying so.</summary>
    [Fact]
    public void Read_PupilsCsvWithoutYear_FileRefusedNamingTheColumnAndWhy()
    {
        var export = Read(Without(PupilsCsv, "Year"));

        var error = Assert.Single(export.Issues, i => i.File == "pupils.csv" && i.IsError);
        Assert.Equal((1, "Year", true), (error.Line, error.Column, error.StopsItsFile));
        Assert.StartsWith("required column 'Year' is missing: ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("year leader", error.Reason, StringComparison.Ordinal);
        Assert.Empty(export.Pupils);
    }

    [Fact]
    public void Read_PupilRowWithAnEmptyYear_RowRefusedOthersKept()
    {
        var export = Read(PupilsCsv.Replace(",F,7,7A,", ",F,,7A,", StringComparison.Ordinal));

        var error = Assert.Single(export.Issues, i => i.File == "pupils.csv");
        Assert.Equal((IssueSeverity.Error, 2, "Year"), (error.Severity, error.Line, error.Column));
        Assert.Equal("p2", Assert.Single(export.Pupils).Id);
    }
}
