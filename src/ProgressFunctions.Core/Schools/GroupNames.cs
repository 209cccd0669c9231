using System.Globalization;

namespace ProgressFunctions.Core.Schools;

/// <summary>Registration and teaching group names ("7A", "10Ma1", "Set 2").</summary>
public static class GroupNames
{
    /// <summary>The number a group name starts with ("10Ma1" gives 10), or <see cref="int.MaxValue"/> when it starts with none.</summary>
    /// <remarks>Sorting by this, then by the name (ordinal), puts "7A" before "10A" and named groups last.</remarks>
    public static int LeadingNumber(string name)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        return digits == 0 ? int.MaxValue : int.Parse(name.AsSpan(0, Math.Min(digits, 9)), CultureInfo.InvariantCulture);
    }
}
