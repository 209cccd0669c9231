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

    /// <remarks>
    /// Records are written "line:field|field", joined by ";". Each input is also read a few characters at a time, so
    /// that every record, CRLF and quote falls across a refill of the reader's buffer somewhere.
    /// </remarks>
    [Theory]
    [InlineData("a,b\r\nc,d\r\n", "1:a|b;2:c|d")]
    [InlineData("a,b\rc,d\ne", "1:a|b;2:c|d;3:e")]
    [InlineData("a,b\r", "1:a|b")]
    [InlineData("a\r\n\r\nb", "1:a;2:;3:b")]
    [InlineData(",,\n", "1:||")]
    [InlineData("", "")]
    [InlineData("x,\"q, \"\"r\"\"\",y\r\nz,w,v", "1:x|q, \"r\"|y;2:z|w|v")]
    [InlineData("ab\"c,d\n", "1:ab\"c|d")]
    [InlineData("\"a\r\nb\",c\r\nd,e", "1:a\r\nb|c;3:d|e")]
    [InlineData(" padded , \"\" \n", "1: padded | \"\" ")]
    public void Read_LineEndsQuotesAndRefills_GiveTheSameRecords(string text, string expected)
    {
        Assert.Equal(expected, Records(new StringReader(text)));
        foreach (var chunk in new[] { 1, 2, 3, 5 })
        {
            Assert.Equal(expected, Records(new TrickleReader(text, chunk)));
        }
    }

    /// <remarks>The last record's fields, whether a line end follows it, and the line it ends on; read whole and a few characters at a time.</remarks>
    [Theory]
    [InlineData("a,b\n1,2\n", "1|2", false, 2)]
    [InlineData("a,b\n1,2", "1|2", true, 2)]
    [InlineData("a,b\r\n1,2\r\n", "1|2", false, 2)]
    [InlineData("a,b\r\n1,2\r", "1|2", false, 2)]
    [InlineData("a,b\n1", "1", true, 2)]
    [InlineData("a,b\n1,", "1|", true, 2)]
    [InlineData("a,b\n\"x\",2", "x|2", true, 2)]
    [InlineData("a,b\n\"x\",2\n", "x|2", false, 2)]
    [InlineData("a,b\n\"x\ny\",", "x\ny|", true, 3)]
    [InlineData("a,b\n1,\"open", "1|open", true, 2)]
    [InlineData("a,b\n1,\"open\n", "1|open\n", true, 3)]
    public void Read_LastRecord_SaysWhetherALineEndsIt(string text, string fields, bool withoutLineEnd, int lastLine)
    {
        foreach (var chunk in new[] { text.Length, 1, 2, 3 })
        {
            var reader = new CsvReader(new TrickleReader(text, chunk));
            Assert.True(reader.Read());
            Assert.False(reader.EndsWithoutLineEnd);
            Assert.True(reader.Read());
            Assert.Equal((fields, withoutLineEnd, lastLine),
                (string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString())), reader.EndsWithoutLineEnd, reader.LastLine));
            Assert.False(reader.Read());
        }
    }

    [Fact]
    public void Read_ManyRowsOfMixedWidthsAndLineEnds_GivesEveryField()
    {
        string[] ends = ["\r\n", "\n", "\r"];
        var rows = Enumerable.Range(0, 6_000).Select(i => new[] { $"f{i}", new string('y', i % 41), "", "z" }).ToList();
        var text = string.Concat(rows.Select((r, i) => string.Join(',', r) + ends[i % 3]));
        Assert.True(text.Length > 1 << 17);
        foreach (var source in new TextReader[] { new StringReader(text), new TrickleReader(text, 4_099) })
        {
            var reader = new CsvReader(source);
            foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            {
                Assert.True(reader.Read());
                Assert.Equal(i + 1, reader.Line);
                Assert.Equal(row, Enumerable.Range(0, reader.FieldCount).Select(f => reader[f].ToString()));
            }

            Assert.False(reader.Read());
        }
    }

    [Fact]
    public void Read_RecordLongerThanTheBuffer_IsReadWhole()
    {
        var field = new string('x', 200_000);
        var reader = new CsvReader(new TrickleReader($"a,{field},b\r\nnext", 7_000));
        Assert.True(reader.Read());
        Assert.Equal(3, reader.FieldCount);
        Assert.Equal(field, reader[1].ToString());
        Assert.Equal("b", reader[2].ToString());
        Assert.True(reader.Read());
        Assert.Equal("next", reader[0].ToString());
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_UnclosedQuoteAfterRefills_FlagsOnlyThatRecord()
    {
        var reader = new CsvReader(new TrickleReader("a,b\n1,2\n3,\"never\nclosed", 2));
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.False(reader.UnterminatedQuote);
        Assert.True(reader.Read());
        Assert.True(reader.UnterminatedQuote);
        Assert.Equal(3, reader.Line);
        Assert.Equal("never\nclosed", reader[1].ToString());
        Assert.False(reader.Read());
    }

    private static string Records(TextReader text)
    {
        var reader = new CsvReader(text);
        var records = new List<string>();
        while (reader.Read())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString());
            records.Add($"{reader.Line}:{string.Join('|', fields)}");
        }

        return string.Join(';', records);
    }

    /// <summary>Hands out at most <paramref name="chunk"/> characters per read, as a slow stream would.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _pos;

        public override int Peek() => _pos < text.Length ? text[_pos] : -1;

        public override int Read() => _pos < text.Length ? text[_pos++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), text.Length - _pos);
            text.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }
    }

    [Theory]
    [InlineData("2025-09-03", 2025, 9, 3)]
    [InlineData("03/09/2025", 2025, 9, 3)]
    [InlineData("3/9/2025", 2025, 9, 3)]
    [InlineData("2025-09-03T00:00:00", 2025, 9, 3)]
    [InlineData("03/09/2025 00:00", 2025, 9, 3)]      // a date column saved again by Excel
    [InlineData("3/9/2025 0:00", 2025, 9, 3)]
    [InlineData("03/09/2025 00:00:00", 2025, 9, 3)]
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
    [InlineData("03/09/2025 noon")]
    [InlineData("03/09/2025 00")]
    [InlineData("03/09/2025 00:00 extra")]
    public void TryDate_NotADate_Fails(string text) => Assert.False(FieldParse.TryDate(text, out _));

    [Theory]
    [InlineData("20/03/2026", SlashOrder.DayFirst)]
    [InlineData("03/20/2026", SlashOrder.MonthFirst)]
    [InlineData("3/20/2026", SlashOrder.MonthFirst)]
    [InlineData("03/04/2026", SlashOrder.Either)]
    [InlineData("31/31/2026", SlashOrder.None)]
    [InlineData("2026-03-20", SlashOrder.None)]
    [InlineData("03/20/26", SlashOrder.None)]
    [InlineData("03/20/2026 00:00", SlashOrder.MonthFirst)]   // a US export saved again by Excel
    [InlineData("20/03/2026 0:00", SlashOrder.DayFirst)]
    [InlineData("03/20/2026 noon", SlashOrder.None)]
    public void OrderOf_SlashedDates_Table(string text, SlashOrder expected) => Assert.Equal(expected, FieldParse.OrderOf(text));

    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData("first.last+tag@school.example", true)]
    [InlineData("not-an-email", false)]
    [InlineData("a@b", false)]
    [InlineData("Jo <jo@x.org>", false)]
    [InlineData("a b@x.org", false)]
    public void IsEmail_Table(string text, bool expected) => Assert.Equal(expected, FieldParse.IsEmail(text));
}
