using System.Globalization;

namespace ProgressFunctions.Core.Imports;

/// <summary>Parsing of the value kinds MIS files hold, tolerant of the forms schools' exports use.</summary>
public static class FieldParse
{
    /// <summary>ISO <c>yyyy-MM-dd</c> (optionally followed by a time) or UK <c>dd/MM/yyyy</c> (day and month may be one digit).</summary>
    public static bool TryDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var y) && TryDigits(text.Slice(5, 2), out var m) && TryDigits(text.Slice(8, 2), out var d)
            && (text.Length == 10 || text[10] is 'T' or ' '))
        {
            return TryMake(y, m, d, out date);
        }

        if (!TryWithoutTime(ref text))
        {
            return false;
        }

        var first = text.IndexOf('/');
        var second = first < 0 ? -1 : text[(first + 1)..].IndexOf('/') + first + 1;
        if (first is 1 or 2 && second - first is 2 or 3 && text.Length - second - 1 == 4
            && TryDigits(text[..first], out d) && TryDigits(text[(first + 1)..second], out m) && TryDigits(text[(second + 1)..], out y))
        {
            return TryMake(y, m, d, out date);
        }

        return false;
    }

    /// <summary>A slashed date without the time after it, if any; false when what follows the date is not a time.</summary>
    /// <remarks>A date column saved again by Excel reads "20/03/2026 00:00": the time is dropped, as the ISO form's is.</remarks>
    private static bool TryWithoutTime(ref ReadOnlySpan<char> text)
    {
        if (text.IndexOf(' ') is var space and > 0)
        {
            if (!IsTime(text[(space + 1)..]))
            {
                return false;
            }

            text = text[..space];
        }

        return true;
    }

    /// <summary>"0:00", "00:00" or "00:00:00": hours, minutes and perhaps seconds.</summary>
    private static bool IsTime(ReadOnlySpan<char> text) =>
        text.Length is >= 4 and <= 8 && text.IndexOf(':') is 1 or 2 && text.IndexOfAnyExcept("0123456789:") < 0;

    /// <summary>How a slashed date reads: only day first (20/03/2026), only month first (03/20/2026), either (03/04/2026), or neither.</summary>
    /// <remarks>Dates are read day first, as English MIS exports write them; a file that is only ever month first is a US-format export.</remarks>
    public static SlashOrder OrderOf(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (!TryWithoutTime(ref text))
        {
            return SlashOrder.None;
        }

        var first = text.IndexOf('/');
        var second = first < 0 ? -1 : text[(first + 1)..].IndexOf('/') + first + 1;
        if (first is not (1 or 2) || second - first is not (2 or 3) || text.Length - second - 1 != 4
            || !TryDigits(text[..first], out var a) || !TryDigits(text[(first + 1)..second], out var b) || !TryDigits(text[(second + 1)..], out var y))
        {
            return SlashOrder.None;
        }

        var dayFirst = TryMake(y, b, a, out _);
        var monthFirst = TryMake(y, a, b, out _);
        return dayFirst && monthFirst ? SlashOrder.Either : dayFirst ? SlashOrder.DayFirst : monthFirst ? SlashOrder.MonthFirst : SlashOrder.None;
    }

    /// <summary>Y/N, Yes/No, True/False, 1/0 (case-insensitive); empty is false.</summary>
    public static bool TryBool(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        value = text.Equals("y", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("1", StringComparison.Ordinal);
        return value || text.IsEmpty || text.Equals("n", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase)
            || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("0", StringComparison.Ordinal);
    }

    /// <summary>A plain address, by the product's one address rule (<see cref="Email.EmailAddress"/>).</summary>
    public static bool IsEmail(string text) => Email.EmailAddress.IsValid(text);

    public static bool TryInt(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>"AM"/"PM" (also "A"/"P", "morning"/"afternoon"), case-insensitive.</summary>
    public static bool TrySession(ReadOnlySpan<char> text, out Attendance.SessionOfDay session)
    {
        text = text.Trim();
        session = Attendance.SessionOfDay.Am;
        if (text.Equals("AM", StringComparison.OrdinalIgnoreCase) || text.Equals("A", StringComparison.OrdinalIgnoreCase)
            || text.Equals("morning", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        session = Attendance.SessionOfDay.Pm;
        return text.Equals("PM", StringComparison.OrdinalIgnoreCase) || text.Equals("P", StringComparison.OrdinalIgnoreCase)
            || text.Equals("afternoon", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryMake(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}

/// <summary>Which order a slashed date can be read in (<see cref="FieldParse.OrderOf"/>).</summary>
public enum SlashOrder
{
    None,
    DayFirst,
    MonthFirst,
    Either,
}
