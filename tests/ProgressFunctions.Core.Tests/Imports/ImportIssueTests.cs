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
}
