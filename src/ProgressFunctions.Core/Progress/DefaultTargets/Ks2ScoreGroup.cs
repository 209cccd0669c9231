using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ProgressFunctions.Core.Progress.DefaultTargets;

/// <summary>A KS2 prior-attainment group as the DfE transition matrices label it: "100 - 102", "Less than 80", "No scaled score".</summary>
/// <remarks>
/// <see cref="From"/> and <see cref="To"/> are both inclusive as labelled ("100 - 102" holds 100 and 102); "Less than
/// 80" has no lower end and an exclusive upper end of 80; "No scaled score" holds the pupils without one. Averages of
/// two whole scores are multiples of 0.5, so the published groups leave no gap for a real score; a score between two
/// groups (e.g. 102.25) is put in the lower one.
/// </remarks>
public sealed record Ks2ScoreGroup(string Label, decimal? From, decimal? To)
{
    public const string NoScaledScoreLabel = "No scaled score";

    public bool IsNoScaledScore => From is null && To is null;

    public bool IsBelowScale => From is null && To is not null;

    public static bool TryParse(string label, [NotNullWhen(true)] out Ks2ScoreGroup? group)
    {
        group = null;
        var text = label.Trim();
        if (string.Equals(text, NoScaledScoreLabel, StringComparison.OrdinalIgnoreCase))
        {
            group = new(NoScaledScoreLabel, null, null);
        }
        else if (text.StartsWith("Less than ", StringComparison.OrdinalIgnoreCase) && TryNumber(text["Less than ".Length..], out var below))
        {
            group = new(text, null, below);
        }
        else if (text.Split(" - ") is [var from, var to] && TryNumber(from, out var f) && TryNumber(to, out var t) && f <= t)
        {
            group = new(text, f, t);
        }

        return group is not null;
    }

    public override string ToString() => Label;

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}

/// <summary>The KS2 score a pupil's default targets are looked up by.</summary>
public static class Ks2PriorAttainment
{
    /// <summary>The mean of the KS2 reading and maths scaled scores, or the one score a pupil has, or null with neither.</summary>
    /// <remarks>
    /// This is the DfE key stage 4 prior-attainment measure (the one the Progress 8 estimates are grouped by); the mean
    /// of two whole scores is exact in decimal (a multiple of 0.5), so nothing is rounded. Using it for every subject's
    /// matrix, including English and maths, is this product's choice: the published matrices' grouping per subject is
    /// not restated in the data file.
    /// </remarks>
    public static decimal? Of(int? reading, int? maths) => (reading, maths) switch
    {
        ({ } r, { } m) => (r + m) / 2m,
        ({ } r, null) => r,
        (null, { } m) => m,
        _ => null,
    };
}
