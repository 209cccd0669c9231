using PdfSharp.Drawing;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Integration.Tests.Reports;

/// <summary>Wrapping by summed font units against the rule it implements: greedy, each candidate line measured whole by PDFsharp.</summary>
public class TextWrapTests
{
    public static TheoryData<string, double> Cases => new()
    {
        { "Mateusz's attendance this year is 96.6% and this term 100.0%. Schools aim for every pupil to attend at least 95% of the time.", 499.28 },
        { "Subject 7 with a long name that wraps onto a second line in its cell", 120 },
        { "Subject 7 with a long name that wraps onto a second line in its cell", 300 },
        { "Well below", 30 },
        { "Supercalifragilisticexpialidocious is wider than the column", 40 },
        { "  runs   of   spaces  collapse  to one between words  ", 80 },
        { "first paragraph\nsecond paragraph that is long enough to wrap\n\nafter a blank line", 90 },
        { "Łukasz Nowak-Siobhán, Zoë and Αθηνά – “quoted” …", 70 },
        { "中文 text beyond the width table still wraps as before", 60 },
        { "", 100 },
        { "5", 100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lines_AnyText_SameLinesAsMeasuringEachCandidate(string text, double width)
    {
        using var g = TextMeasureTests.PageGraphics(out var pdf);
        foreach (var font in new[] { Theme.Body, Theme.BodyBold, Theme.Small })
        {
            Assert.Equal(Oracle(g, text, font, width), TextWrap.Lines(text, font, width));
        }

        pdf.Dispose();
    }

    [Fact]
    public void Lines_SingleSpacedLineThatFits_TheTextItself()
    {
        const string text = "On track";

        Assert.Same(text, Assert.Single(TextWrap.Lines(text, Theme.Body, 200)));
    }

    // The straightforward rule: split at newlines and spaces, add words while the joined candidate measures within the width.
    private static List<string> Oracle(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && g.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
