using PdfSharp.Drawing;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Greedy word wrapping with the real font metrics.</summary>
/// <remarks>
/// Paragraphs break at <c>\n</c>; words are separated by one or more spaces and joined by one. A line takes words
/// while the whole line (words and single spaces) measures at most <c>width</c>; a word wider than the line stands on
/// a line of its own. Widths are summed in font units (<see cref="TextMeasure"/>), so wrapping measures no
/// candidate strings; a line is a slice of the text whenever its words are single-spaced, as they nearly always are.
/// </remarks>
internal static class TextWrap
{
    public static IReadOnlyList<string> Lines(string text, XFont font, double width)
    {
        if (text.IndexOf('\n') < 0 && IsSingleSpaced(text) && TextMeasure.TryUnits(text, font, out var whole) && TextMeasure.Scale(whole, font) <= width)
        {
            return [text];   // most cells and short paragraphs: one line, no measuring word by word
        }

        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            Wrap(paragraph, font, width, lines);
        }

        return lines;
    }

    public static double LineHeight(XFont font) => font.Size * 1.3;

    private static void Wrap(string paragraph, XFont font, double width, List<string> lines)
    {
        if (!TextMeasure.TryUnits(paragraph, font, out _) || !TextMeasure.TryUnits(" ", font, out var space))
        {
            WrapMeasuringStrings(paragraph, font, width, lines);
            return;
        }

        int start = -1, end = -1, units = 0;
        foreach (var word in Words(paragraph))
        {
            TextMeasure.TryUnits(paragraph.AsSpan(word.Start, word.Length), font, out var wordUnits);
            if (start >= 0 && TextMeasure.Scale(units + space + wordUnits, font) > width)
            {
                lines.Add(Line(paragraph, start, end));
                start = -1;
            }

            units = start < 0 ? wordUnits : units + space + wordUnits;
            start = start < 0 ? word.Start : start;
            end = word.Start + word.Length;
        }

        lines.Add(start < 0 ? "" : Line(paragraph, start, end));
    }

    // The words of a line joined by single spaces: a slice of the paragraph unless it held a run of spaces.
    private static string Line(string paragraph, int start, int end)
    {
        var slice = paragraph.AsSpan(start, end - start);
        return slice.Contains("  ", StringComparison.Ordinal)
            ? string.Join(' ', slice.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : slice.ToString();
    }

    private static IEnumerable<(int Start, int Length)> Words(string paragraph)
    {
        var i = 0;
        while (i < paragraph.Length)
        {
            while (i < paragraph.Length && paragraph[i] == ' ')
            {
                i++;
            }

            var start = i;
            while (i < paragraph.Length && paragraph[i] != ' ')
            {
                i++;
            }

            if (i > start)
            {
                yield return (start, i - start);
            }
        }
    }

    // Text with characters outside the width table (rare): measure each candidate line as PDFsharp would.
    private static void WrapMeasuringStrings(string paragraph, XFont font, double width, List<string> lines)
    {
        var line = "";
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && TextMeasure.Width(candidate, font) > width)
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

    private static bool IsSingleSpaced(string text) =>
        text.Length > 0 && text[0] != ' ' && text[^1] != ' ' && !text.Contains("  ", StringComparison.Ordinal);
}
