using System.Globalization;

namespace ProgressFunctions.Core.Schools;

/// <summary>Registration and teaching group names ("7A", "10Ma1", "Set 2").</summary>
public static class GroupNames
{
    /// <summary>Group names as staff read them: runs of digits compare as numbers, so "7Ma2" comes before "7Ma10".</summary>
    /// <remarks>
    /// Names equal but for leading zeros ("7Ma01", "7Ma1") are then ordered ordinally, so the order is total. Written
    /// here rather than .NET's <c>CompareOptions.NumericOrdering</c>, which a host in globalization-invariant mode
    /// (no ICU) silently treats as ordinal: the same report would list groups in another order on such a host.
    /// </remarks>
    public static IComparer<string> Order { get; } = Comparer<string>.Create(Compare);

    /// <summary>The number a group name starts with ("10Ma1" gives 10), or <see cref="int.MaxValue"/> when it starts with none.</summary>
    /// <remarks>Sorting by this, then by <see cref="Order"/>, puts "7A" before "10A" and named groups last.</remarks>
    public static int LeadingNumber(string name)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        return digits == 0 ? int.MaxValue : int.Parse(name.AsSpan(0, Math.Min(digits, 9)), CultureInfo.InvariantCulture);
    }

    private static int Compare(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var byRun = char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j])
                ? CompareNumbers(a, ref i, b, ref j)
                : a[i++].CompareTo(b[j++]);
            if (byRun != 0)
            {
                return byRun;
            }
        }

        var byLength = (a.Length - i).CompareTo(b.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(a, b);
    }

    // Compares the digit runs starting at i and j by value (leading zeros ignored, any length) and moves past them.
    private static int CompareNumbers(string a, ref int i, string b, ref int j)
    {
        var x = Run(a, ref i).TrimStart('0');
        var y = Run(b, ref j).TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.CompareTo(y, StringComparison.Ordinal);
    }

    private static ReadOnlySpan<char> Run(string s, ref int at)
    {
        var start = at;
        while (at < s.Length && char.IsAsciiDigit(s[at]))
        {
            at++;
        }

        return s.AsSpan(start, at - start);
    }
}
