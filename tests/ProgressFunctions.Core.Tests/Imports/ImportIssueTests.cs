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
}
