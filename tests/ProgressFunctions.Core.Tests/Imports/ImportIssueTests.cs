using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class ImportIssueTests
{
    /// <remarks>Line 0 is a file read as a whole (school.json): the key stands where the line would, never ":0:".</remarks>
    [Theory]
    [InlineData("pupils.csv", 12, "UPN", true, "pupils.csv:12:UPN: bad")]
    [InlineData("pupils.csv", 12, "UPN", false, "pupils.csv:12:UPN: warning: bad")]
    [InlineData("school.json", 0, "registersClose", true, "school.json:registersClose: bad")]
    [InlineData("school.json", 0, "registersClose", false, "school.json:registersClose: warning: bad")]
    [InlineData("pupils.csv", 0, "", true, "pupils.csv: bad")]   // the file itself (missing): no empty key
    public void ToString_LineOrWholeFile_CompilerStyle(string file, int line, string column, bool error, string expected)
    {
        var issue = error ? ImportIssue.Error(file, line, column, "", "bad") : ImportIssue.Warning(file, line, column, "", "bad");

        Assert.Equal(expected, issue.ToString());
    }

    [Theory]
    [InlineData("pupils.csv", 0, "", true, true)]                  // the file is missing or unreadable
    [InlineData("attendance.csv", 1, "Mark", true, true)]          // a required column is missing from its header
    [InlineData("school.json", 1, "", true, true)]                 // not one JSON object
    [InlineData("school.json", 0, "registersClose", true, false)]  // one setting of a file otherwise read
    [InlineData("attendance.csv", 2, "Mark", true, false)]         // one row
    [InlineData("school.ctf.xml", 1, "UPN", true, false)]          // a CTF on one line: every pupil is on line 1
    [InlineData("pupils.csv", 0, "", false, false)]                // a warning keeps the file
    public void StopsItsFile_WhereAndWhat_OnlyWholeFileErrors(string file, int line, string column, bool error, bool expected)
    {
        var issue = error ? ImportIssue.Error(file, line, column, "", "bad") : ImportIssue.Warning(file, line, column, "", "bad");

        Assert.Equal(expected, issue.StopsItsFile);
    }

    [Fact]
    public void Summary_RowErrorsWarningsAndAFileRefusedWhole_CountsPerFileAndWhyTheFileWasRefused()
    {
        ImportIssue[] issues =
        [
            ImportIssue.Error("pupils.csv", 4, "UPN", "X", "not a UPN"),
            ImportIssue.Error("pupils.csv", 9, "UPN", "Y", "not a UPN"),
            ImportIssue.Warning("pupils.csv", 12, "Legal Surname", "Zoë", "held a tab"),
            ImportIssue.Warning("contacts.csv", 3, "Email", "a@b", "shared") with { TellDataManagers = true },
            ImportIssue.Error("attendance.csv", 0, "", "", "dates are written month first"),
            ImportIssue.Error("attendance.csv", 17102, "Mark", "", "no mark"),   // a row of the file refused whole: not counted as imported
        ];

        var lines = ImportErrorsCsv.Summary(issues);

        Assert.Equal(
            [
                "attendance.csv was not imported at all: dates are written month first",
                "To check, contacts.csv: shared",
                "contacts.csv: 1 warning; pupils.csv: 2 errors (those rows were not imported), 1 warning. The rest of each file was imported.",
            ],
            lines);
        Assert.DoesNotContain(lines, l => l.Contains("Zoë", StringComparison.Ordinal));
    }
}
