namespace ProgressFunctions.Synthetic;

/// <summary>Seeds for the generator's many small random streams, mixed from the school seed and what the stream is for.</summary>
/// <remarks>
/// Every pupil, family and school year has its own <see cref="Random"/>, seeded from (school seed, cohort, place in the
/// cohort, year...), so a pupil is the same person in every export of the school, whatever the pupil count or the
/// as-of date, and one pupil's draws never shift another's. The mix is SplitMix64's finaliser: stable across
/// processes and runtimes, unlike <see cref="HashCode"/>, which is seeded per process.
/// </remarks>
internal static class Seeds
{
    public static int Of(params ReadOnlySpan<long> parts)
    {
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var part in parts)
        {
            state = Mix(state ^ unchecked((ulong)part));
        }

        return (int)(state & int.MaxValue);
    }

    /// <summary>A uniform number in [0, 1) that depends only on <paramref name="parts"/>: a draw that consumes no stream.</summary>
    public static double Uniform(params ReadOnlySpan<long> parts) => Of(parts) / (int.MaxValue + 1.0);

    /// <summary>
    /// Place <paramref name="place"/> of a Weyl sequence (frac(offset + place x step)) whose offset is drawn from
    /// <paramref name="parts"/>: any run of places covers [0, 1) evenly, unlike independent draws.
    /// </summary>
    /// <remarks>Steps are irrationals with 1 and each other rationally independent (golden ratio, square root of 2), so two such sequences are jointly even too.</remarks>
    public static double Weyl(int place, double step, params ReadOnlySpan<long> parts)
    {
        var x = Uniform(parts) + (place * step);
        return x - Math.Floor(x);
    }

    public const double GoldenStep = 0.6180339887498949;

    public const double RootTwoStep = 0.4142135623730951;

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
