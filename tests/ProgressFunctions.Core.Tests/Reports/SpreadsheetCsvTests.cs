using ProgressFunctions.Core.Reports;

namespace ProgressFunctions.Core.Tests.Reports;

public class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("Zoë", "Zoë")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("-2", "-2")]
    [InlineData("-x", "'-x")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(null, "")]
    public void Cell_Value_EscapedForSpreadsheets(string? value, string expected) => Assert.Equal(expected, SpreadsheetCsv.Cell(value));

    [Fact]
    public void Bytes_Csv_Utf8WithTheByteOrderMarkExcelNeeds()
    {
        var bytes = SpreadsheetCsv.Bytes(SpreadsheetCsv.Row("pupil", "Zoë Brontë"));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("pupil,Zoë Brontë\r\n", new StreamReader(new MemoryStream(bytes)).ReadToEnd());
    }
}
