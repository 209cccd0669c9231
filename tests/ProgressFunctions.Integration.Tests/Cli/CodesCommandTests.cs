using System.Text.Json;
using ProgressFunctions.Cli.Commands;

namespace ProgressFunctions.Integration.Tests.Cli;

public class CodesCommandTests
{
    [Fact]
    public void Run_Json_IsAnArrayOfEveryCurrentCode()
    {
        var output = new StringWriter();

        var exit = CodesCommand.Run(asJson: true, output);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(34, rows.Count);
        Assert.All(rows, r => Assert.Equal(["code", "category", "meaning"], r.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(rows, r => r.GetProperty("code").GetString() == "J1" && r.GetProperty("category").GetString() == "authorised-absence");
        Assert.DoesNotContain(rows, r => r.GetProperty("code").GetString() == "H");
    }

    [Fact]
    public void Run_Table_ListsCodesAndLegacyLine()
    {
        var output = new StringWriter();

        CodesCommand.Run(asJson: false, output);

        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("Y7 ", StringComparison.Ordinal) && l.Contains("not-possible", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Legacy codes", StringComparison.Ordinal) && l.Contains("H, F, J, Y", StringComparison.Ordinal));
    }
}
