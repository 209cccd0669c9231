using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;

namespace ProgressFunctions.Core.Tests.Imports;

public class CsvReaderTests
{
    [Fact]
    public void Read_QuotedCommasQuotesAndNewlines_GivesFieldsAndStartLines()
    {
        var reader = new CsvReader(new StringReader("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,row"));
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal(2, reader.Line);
        Assert.Equal("x, y", reader[0].ToString());
        Assert.Equal("say \"hi\"\nthere", reader[1].ToString());
        Assert.True(reader.Read());
        Assert.Equal(4, reader.Line);
        Assert.Equal("row", reader[1].ToString());
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_UnclosedQuote_FlagsTheRecord()
    {
        var reader = new CsvReader(new StringReader("a,b\n1,\"never closed\n"));
        reader.Read();
        Assert.True(reader.Read());
        Assert.True(reader.UnterminatedQuote);
    }

    [Theory]
    [InlineData("2025-09-03", 2025, 9, 3)]
    [InlineData("03/09/2025", 2025, 9, 3)]
    [InlineData("3/9/2025", 2025, 9, 3)]
    [InlineData("2025-09-03T00:00:00", 2025, 9, 3)]
    public void TryDate_IsoAndUk_Parse(string text, int y, int m, int d)
    {
        Assert.True(FieldParse.TryDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("09/03/25")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void TryDate_NotADate_Fails(string text) => Assert.False(FieldParse.TryDate(text, out _));

    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData("first.last+tag@school.example", true)]
    [InlineData("not-an-email", false)]
    [InlineData("a@b", false)]
    [InlineData("Jo <jo@x.org>", false)]
    [InlineData("a b@x.org", false)]
    public void IsEmail_Table(string text, bool expected) => Assert.Equal(expected, FieldParse.IsEmail(text));
}
