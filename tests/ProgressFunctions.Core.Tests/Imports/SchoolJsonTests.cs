using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class SchoolJsonTests
{
    /// <summary>A hand-edited school.json: the error gives the line and character counted from 1, in words a data manager can act on.</summary>
    [Theory]
    [InlineData("{\n  \"urn\": \"100001\",\n  \"name\": \"Oak\" \"phase\": \"secondary\"\n}", 3, 17)]   // a comma left out
    [InlineData("{\n  \"urn\": \"100001\",\n  \"name\": 'Oak'\n}", 3, 11)]                           // single quotes
    public void Read_InvalidJson_ErrorOnItsLineWithoutTheParsersOwnPositions(string json, int line, int character)
    {
        var issues = new List<ImportIssue>();

        var profile = SchoolJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), BankHolidays.EnglandAndWales, issues);

        Assert.Null(profile);
        var issue = Assert.Single(issues);
        Assert.Equal(line, issue.Line);
        Assert.StartsWith($"not valid JSON at character {character} of this line: ", issue.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", issue.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", issue.Reason, StringComparison.Ordinal);
        Assert.EndsWith(".", issue.Reason, StringComparison.Ordinal);
    }
}
