namespace ProgressFunctions.Core;

/// <summary>The one display rule for percentages across the product.</summary>
public static class Percentages
{
    /// <summary>Rounds for display, half-up as DfE publishes (12.25 -> 12.3, 12.35 -> 12.4).</summary>
    /// <remarks>
    /// Midpoints go away from zero, which is half-up for the non-negative rates DfE publishes and keeps a fall of
    /// -2.25 points symmetrical with a rise of +2.25. Never use this before a comparison: thresholds are compared on
    /// exact session counts, and only the figure shown to a person is rounded.
    /// </remarks>
    public static decimal RoundHalfUp(decimal value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>A percentage of <paramref name="part"/> in <paramref name="whole"/>, or null when the whole is zero.</summary>
    /// <remarks>Exact to decimal's 28 significant digits; no rounding is applied.</remarks>
    public static decimal? Of(long part, long whole) => whole == 0 ? null : part * 100m / whole;

    /// <summary>Formats a percentage for people: rounded half-up, invariant digits, a "%" sign; "-" when there is none.</summary>
    public static string Format(decimal? percentage, int decimals = 1) =>
        percentage is { } value
            ? RoundHalfUp(value, decimals).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) + "%"
            : "-";
}
