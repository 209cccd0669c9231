using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>The stored texts of attendance days (<see cref="AttendanceDayText"/>) written so far in one encode, so that a day written twice is one string.</summary>
/// <remarks>
/// Most of a school's pupils have the same marks on the same day ("2026-01-07 / \ 0 0"): an import that encodes every
/// pupil made a string per pupil per day, hundreds of thousands for a school, which lived until its commit and made
/// much of what the collector copied. Keyed by everything the text says (day, both codes, both stamp numbers); a day
/// whose stamp numbers do not fit the key is written without the cache. Not thread-safe: one per encode.
/// </remarks>
internal sealed class DayTexts
{
    private const int StampBits = 12;
    private readonly Dictionary<long, string> _texts = [];

    /// <summary>The text of one day, as <see cref="AttendanceDayText.Write"/> writes it.</summary>
    public string Of(DateOnly date, AttendanceCode? am, AttendanceCode? pm, int amStamp, int pmStamp)
    {
        if (amStamp >> StampBits != 0 || pmStamp >> StampBits != 0)
        {
            return AttendanceDayText.Write(date, am, pm, amStamp, pmStamp);
        }

        // Day number (22 bits), each code's index + 1 or 0 for an empty session (8 bits each), each stamp (12 bits each).
        var key = ((long)date.DayNumber << 40) | ((long)CodeKey(am) << 32) | ((long)CodeKey(pm) << 24) | ((long)amStamp << StampBits) | (long)pmStamp;
        ref var text = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_texts, key, out var found);
        if (!found)
        {
            text = AttendanceDayText.Write(date, am, pm, amStamp, pmStamp);
        }

        return text!;
    }

    private static int CodeKey(AttendanceCode? code) => code is { } c ? c.Index + 1 : 0;
}
