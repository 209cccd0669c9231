using System.Globalization;
using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>One stored day of an <see cref="AttendanceYear"/>: <c>yyyy-MM-dd AM PM amStamp pmStamp</c>.</summary>
/// <remarks>
/// An empty session is <c>-</c> with stamp 0. Reading accepts exactly what the earlier split-and-parse reader
/// accepted (five fields, an ISO date, codes of the DfE table, stamps that index the document's stamps) and refuses
/// the rest with the same message.
/// </remarks>
internal readonly record struct AttendanceDayText(DateOnly Date, AttendanceCode? Am, AttendanceCode? Pm, int AmStamp, int PmStamp)
{
    private const char Empty = '-';

    /// <summary>The text of one day; a session with no mark (null) is written empty.</summary>
    public static string Write(DateOnly date, AttendanceCode? am, AttendanceCode? pm, int amStamp, int pmStamp)
    {
        var amCode = am is { } a ? a.Code : "-";
        var pmCode = pm is { } p ? p.Code : "-";

        // Written straight into the string: a school's year is hundreds of thousands of days, each written on every import.
        Span<char> buffer = stackalloc char[64];
        var written = 0;
        Append(buffer, ref written, date);
        Append(buffer, ref written, amCode);
        Append(buffer, ref written, pmCode);
        Append(buffer, ref written, amStamp);
        Append(buffer, ref written, pmStamp);
        return new string(buffer[..(written - 1)]);
    }

    private static void Append(Span<char> buffer, ref int written, DateOnly date)
    {
        date.TryFormat(buffer[written..], out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        written += n;
        buffer[written++] = ' ';
    }

    private static void Append(Span<char> buffer, ref int written, string code)
    {
        code.AsSpan().CopyTo(buffer[written..]);
        written += code.Length;
        buffer[written++] = ' ';
    }

    private static void Append(Span<char> buffer, ref int written, int stamp)
    {
        stamp.TryFormat(buffer[written..], out var n, provider: CultureInfo.InvariantCulture);
        written += n;
        buffer[written++] = ' ';
    }

    /// <exception cref="FormatException">The day cannot be read; the message names the pupil, year and day.</exception>
    public static AttendanceDayText Read(string text, AttendanceYear year)
    {
        var span = text.AsSpan();
        Span<Range> parts = stackalloc Range[6];
        if (span.Split(parts, ' ') != 5 || !TryReadDate(span[parts[0]], out var date)
            || !TryReadStamp(span[parts[3]], year, out var amStamp) || !TryReadStamp(span[parts[4]], year, out var pmStamp))
        {
            throw new FormatException($"attendance document {year.PupilId}.{year.Year}: cannot read day '{text}'");
        }

        return new(date, CodeOf(span[parts[1]], span[parts[0]], year), CodeOf(span[parts[2]], span[parts[0]], year), amStamp, pmStamp);
    }

    private static AttendanceCode? CodeOf(ReadOnlySpan<char> code, ReadOnlySpan<char> date, AttendanceYear year) =>
        code is [Empty] ? null
        : AttendanceCode.TryParse(code.Trim(), out var c) ? c
        : throw new FormatException($"attendance document {year.PupilId}.{year.Year}: '{code}' on {date} is not a code");

    private static bool TryReadStamp(ReadOnlySpan<char> text, AttendanceYear year, out int stamp) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out stamp) && (stamp < year.Stamps.Count || year.Stamps.Count == 0);

    /// <summary><c>yyyy-MM-dd</c> by hand: digits and dashes in place, then a real calendar date.</summary>
    internal static bool TryReadDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var y) || !TryDigits(text.Slice(5, 2), out var m) || !TryDigits(text.Slice(8, 2), out var d)
            || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
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
