using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>A header the import does not know (a typo, a column the MIS adds) is said once, on line 1, never ignored silently.</summary>
public sealed class UnknownColumnsTests
{
    private const string Attendance = "UPN,Date,Session,Mark,Minutes Late\nC201100025001,2025-09-03,AM,L,12\nC201100025001,2025-09-03,PM,/,\n";
    private const string Staff = "Staff ID,Forename,Surname,Email,Roles\nS1,Helen,Marsh,h.marsh@school.example,Headteacher\n";

    /// <summary>The test files with one header renamed, or (<paramref name="from"/> null) a column added at the end of each line.</summary>
    private static SchoolExport ReadWithHeader(string file, string? from, string to)
    {
        var files = new Dictionary<string, string>
        {
            ["pupils.csv"] = AbsentColumnsTests.PupilsCsv,
            ["contacts.csv"] = AbsentColumnsTests.ContactsCsv,
            ["attendance.csv"] = Attendance,
            ["staff.csv"] = Staff,
        };
        var header = files[file][..files[file].IndexOf('\n', StringComparison.Ordinal)];
        if (from is null)
        {
            files[file] = files[file].Replace("\n", ",x\n", StringComparison.Ordinal).Replace(header + ",x", header + "," + to, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(from, header, StringComparison.Ordinal);
            files[file] = header.Replace(from, to, StringComparison.Ordinal) + files[file][header.Length..];
        }

        return BundleReader.Read(TestFiles.Bundle([.. files.Select(f => (f.Key, Encoding.UTF8.GetBytes(f.Value)))]));
    }

    [Theory]
    [InlineData("contacts.csv", "Restriction", "Restricton", "Restriction")]
    [InlineData("contacts.csv", "Email", "Emial", "Email")]
    [InlineData("contacts.csv", "Phone", "TELEPHONE NO", "Telephone")]
    [InlineData("contacts.csv", "Priority", "contact_priorty", "Contact Priority")]
    [InlineData("pupils.csv", "SEN", "S E N Statsu", "SEN Status")]
    [InlineData("pupils.csv", "Reg Group", "Reg Grop", "Reg Group")]
    [InlineData("attendance.csv", "Minutes Late", "Minutes Lat", "Minutes Late")]
    [InlineData("staff.csv", "Roles", "Rols", "Roles")]
    [InlineData("pupils.csv", null, "Ethnicity", null)]
    [InlineData("pupils.csv", "Pupil ID", "ID", null)]
    [InlineData("contacts.csv", null, "Postcode", null)]
    [InlineData("pupils.csv", null, "ULN", null)]             // close to UPN, which the file has: not a misspelt UPN
    public void Read_HeaderTheImportDoesNotKnow_OneWarningOnLineOneWithACloseColumnSuggested(string file, string? from, string unknown, string? suggested)
    {
        var export = ReadWithHeader(file, from, unknown);

        var warning = Assert.Single(export.Issues, i => i.File == file && i.Column == unknown);
        Assert.Equal((IssueSeverity.Warning, 1, unknown), (warning.Severity, warning.Line, warning.Value));
        Assert.StartsWith($"{file} has a column '{unknown}' that the import does not know, so it is not read", warning.Reason, StringComparison.Ordinal);
        // The rest of the file is read as before.
        Assert.DoesNotContain(export.Issues, i => i.File == file && i.IsError);
        if (suggested is null)
        {
            Assert.DoesNotContain("did you mean", warning.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith($": did you mean '{suggested}'?", warning.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>Columns an MIS adds that are close to no known one: one warning for the file naming them all, not one each on every import.</summary>
    [Fact]
    public void Read_SeveralColumnsCloseToNone_OneWarningNamingThemAll()
    {
        var export = ReadWithHeader("pupils.csv", "Reg Group", "Reg Grop,Ethnicity,Postcode");

        var warnings = export.Issues.Where(i => i.File == "pupils.csv" && !i.IsError && i.Reason.Contains("does not know", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, warnings.Count);
        Assert.EndsWith(": did you mean 'Reg Group'?", warnings[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("Ethnicity", "Ethnicity, Postcode", "pupils.csv has 2 columns the import does not know, so they are not read: 'Ethnicity', 'Postcode' (docs/import-format.md lists the columns of each file)"),
            (warnings[1].Column, warnings[1].Value, warnings[1].Reason));
    }

    [Theory]
    [InlineData("SEN", "sen status")]
    [InlineData("Restriction", " RESTRICTION ")]
    [InlineData("Date of Birth", "date_of-birth")]
    public void Read_KnownHeaderInAnotherCaseOrSpacing_ReadWithoutWarning(string from, string to)
    {
        var file = from == "Restriction" ? "contacts.csv" : "pupils.csv";
        var export = ReadWithHeader(file, from, to);

        Assert.DoesNotContain(export.Issues, i => i.File == file);
    }

    [Fact]
    public void Read_ColumnGivenTwice_SecondNotReadAndSaidOnce()
    {
        var export = ReadWithHeader("pupils.csv", "Pupil ID", "Forename");

        var warning = Assert.Single(export.Issues, i => i.File == "pupils.csv" && i.Column == "Forename");
        Assert.Equal((IssueSeverity.Warning, 1), (warning.Severity, warning.Line));
        Assert.Equal("pupils.csv has the Legal Forename column twice, as 'Legal Forename' and 'Forename': only 'Legal Forename' is read", warning.Reason);
    }

    /// <summary>A spreadsheet's trailing comma gives a header cell with no name: nothing is in it to read or to warn about.</summary>
    [Fact]
    public void Read_HeaderCellWithNoName_NoWarning()
    {
        var export = BundleReader.Read(TestFiles.Bundle(("pupils.csv", Encoding.UTF8.GetBytes(AbsentColumnsTests.PupilsCsv.Replace("\n", ",\n", StringComparison.Ordinal)))));

        Assert.DoesNotContain(export.Issues, i => i.File == "pupils.csv");
        Assert.Equal(2, export.Pupils.Count);
    }

    /// <summary>A file saved without its header row has a pupil's details on line 1: they are not repeated back as column names.</summary>
    [Fact]
    public void Read_FirstLineIsARowOfData_FileRefusedSayingSoWithoutEchoingIt()
    {
        var rows = AbsentColumnsTests.PupilsCsv[(AbsentColumnsTests.PupilsCsv.IndexOf('\n', StringComparison.Ordinal) + 1)..];

        var export = BundleReader.Read(TestFiles.Bundle(("pupils.csv", Encoding.UTF8.GetBytes(rows))));

        var issues = export.Issues.Where(i => i.File == "pupils.csv").ToList();
        Assert.All(issues, i => Assert.True(i.IsError && i.StopsItsFile, i.ToString()));
        Assert.All(issues, i => Assert.EndsWith("(line 1 names none of the file's columns: is the header row missing?)", i.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain(issues, i => i.ToString().Contains("Brontë", StringComparison.Ordinal));
        Assert.Empty(export.Pupils);
    }
}
