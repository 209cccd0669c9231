using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Synthetic;

/// <summary>The reasons an office records for late arrivals: about two late marks in three have one.</summary>
/// <remarks>
/// A pure function of the school seed, the pupil, the date and the session (an FNV-1a hash of the pupil id, so stable
/// across processes), so the marks themselves, drawn from their own streams, are untouched by it.
/// </remarks>
public static class LateReasons
{
    private static readonly string[] s_reasons =
    [
        "Traffic", "Bus late", "Medical appointment", "Dentist", "Overslept", "Caring for a family member", "Car broke down", "Train delayed",
    ];

    public static string? For(int seed, SessionMark mark)
    {
        if (!mark.Code.IsLate)
        {
            return null;
        }

        var draw = Seeds.Uniform(seed, 15, Fnv(mark.PupilId), mark.Date.DayNumber, (int)mark.Session);
        return draw < 0.65 ? s_reasons[(int)(draw / 0.65 * s_reasons.Length)] : null;
    }

    private static long Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }
}
