using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class CsvRowTests
{
    private static readonly CsvColumn s_subject = new("Subject", true) { Repeats = true };
    private static readonly CsvColumn s_note = new("Note", false);

    private static List<(string Subject, string Note)> Read(string csv)
    {
        var rows = new List<(string, string)>();
        CsvTable.Read(new StringReader(csv), "assessments.csv", [s_subject, s_note], new List<ImportIssue>(), row => rows.Add((row.Get(s_subject), row.Get(s_note))));
        return rows;
    }

    [Fact]
    public void Get_RepeatingColumn_OneStringPerDistinctTrimmedValue()
    {
        var rows = Read("Subject,Note\nMaths,a\n Maths ,a\nEnglish,a\nMaths,a\n");

        Assert.Equal(["Maths", "Maths", "English", "Maths"], rows.Select(r => r.Subject));
        Assert.Same(rows[0].Subject, rows[1].Subject);
        Assert.Same(rows[0].Subject, rows[3].Subject);
        // A column not marked as repeating reads each value on its own.
        Assert.NotSame(rows[0].Note, rows[1].Note);
    }

    /// <summary>Rows of empty fields, as Excel saves rows it once held, are blank lines: skipped, not refused.</summary>
    [Theory]
    [InlineData("Subject,Note\nMaths,a\n,\n,\n")]
    [InlineData("Subject,Note\nMaths,a\n , \r\n\r\n")]
    [InlineData("Subject,Note\n,\nMaths,a\n")]
    public void Read_RowsOfEmptyFields_SkippedWithoutIssues(string csv)
    {
        var issues = new List<ImportIssue>();

        var accepted = CsvTable.Read(new StringReader(csv), "assessments.csv", [s_subject, s_note], issues, _ => { });

        Assert.Equal(1, accepted);
        Assert.Empty(issues);
    }

    [Fact]
    public void Get_MoreDistinctValuesThanShared_EveryValueStillRead()
    {
        var values = Enumerable.Range(0, CsvRow.MaxRepeated + 10).Select(i => $"S{i}").ToList();

        var rows = Read("Subject,Note\n" + string.Concat(values.Concat(values).Select(v => $"{v},x\n")));

        Assert.Equal([.. values, .. values], rows.Select(r => r.Subject));
        Assert.Same(rows[0].Subject, rows[values.Count].Subject);
        Assert.NotSame(rows[^1].Subject, rows[values.Count - 1].Subject);
    }
}
