namespace ProgressFunctions.Core.Progress;

/// <summary>Where a pupil's current grade stands against the grade expected of them at the same date.</summary>
public enum ProgressBand
{
    Above,
    OnTrack,
    Below,
    WellBelow,
}

public static class ProgressBands
{
    public static IReadOnlyList<ProgressBand> All { get; } = Enum.GetValues<ProgressBand>();

    /// <summary>The band for a difference d = current - expected, in scale points.</summary>
    /// <remarks>
    /// Above when d &gt;= <see cref="BandThresholds.Above"/> (inclusive); on track strictly between
    /// <see cref="BandThresholds.Below"/> and <see cref="BandThresholds.Above"/>; below when
    /// <see cref="BandThresholds.WellBelow"/> &lt; d &lt;= <see cref="BandThresholds.Below"/>; well below when d &lt;=
    /// <see cref="BandThresholds.WellBelow"/>. Each edge belongs to the band further from on track, so exactly -0.5 is
    /// below and exactly -1.5 is well below. The comparison is on the exact decimal, never a rounded one.
    /// </remarks>
    public static ProgressBand Of(decimal difference, BandThresholds thresholds) =>
        difference >= thresholds.Above ? ProgressBand.Above
        : difference > thresholds.Below ? ProgressBand.OnTrack
        : difference > thresholds.WellBelow ? ProgressBand.Below
        : ProgressBand.WellBelow;

    /// <summary>Below or well below: the bands that count as not making expected progress.</summary>
    public static bool IsBelowExpected(this ProgressBand band) => band is ProgressBand.Below or ProgressBand.WellBelow;

    public static string Label(this ProgressBand band) => band switch
    {
        ProgressBand.Above => "Above",
        ProgressBand.OnTrack => "On track",
        ProgressBand.Below => "Below",
        _ => "Well below",
    };
}
