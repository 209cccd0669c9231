using System.Globalization;
using System.Text;

namespace ProgressFunctions.Core.Imports;

/// <summary>Text as a person can check it: characters that print as nothing or as a plain space are named by their code point.</summary>
/// <remarks>
/// A zero-width space or a no-break space pasted into the MIS (from a web page or a word processor) makes a value
/// fail a check while looking right: "'jo@x.org' is not an e-mail address" cannot be acted on. Format characters
/// (zero-width spaces and joiners, direction marks, a byte-order mark), control characters other than tab and line
/// ends, and every space separator but the ordinary space are written <c>&lt;U+200B&gt;</c>.
/// </remarks>
public static class VisibleText
{
    public static string Of(string text)
    {
        var first = IndexOfHidden(text);
        if (first < 0)
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            _ = IsHidden(c) ? shown.Append(CultureInfo.InvariantCulture, $"<U+{(int)c:X4}>") : shown.Append(c);
        }

        return shown.ToString();
    }

    private static int IndexOfHidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsHidden(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsHidden(char c) => c is not ('\t' or '\r' or '\n' or ' ') && char.GetUnicodeCategory(c) is
        UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
