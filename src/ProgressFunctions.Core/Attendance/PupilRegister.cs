using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Attendance;

/// <summary>One pupil's register marks over a school calendar: one slot per session, empty until marked.</summary>
/// <remarks>
/// Slots are indexed by <see cref="SchoolCalendar"/> session number (day * 2 + AM/PM). An empty slot (a session not yet
/// registered, or before the pupil joined) counts in nothing. Marks are one byte each, so a year for a
/// 1,500-pupil school is about 570 KB. Minutes late are kept only for the late sessions (<c>L</c>, <c>U</c>) that
/// have them, so they cost nothing for the rest.
/// </remarks>
public sealed class PupilRegister
{
    private const byte Empty = 0;
    private readonly byte[] _marks;
    private Dictionary<int, int>? _minutesLate;

    public PupilRegister(string pupilId, SchoolCalendar calendar)
    {
        PupilId = pupilId;
        Calendar = calendar;
        _marks = new byte[calendar.SessionCount];
    }

    public string PupilId { get; }

    public SchoolCalendar Calendar { get; }

    /// <summary>The day the pupil reached compulsory school age (<see cref="CompulsorySchoolAge"/>), or null when not known; unauthorised absence before it counts towards no penalty notice.</summary>
    public DateOnly? CompulsoryFrom { get; init; }

    internal ReadOnlySpan<byte> RawMarks => _marks;

    /// <summary>Records a mark, replacing any earlier one; false when the date is not a school day of the calendar.</summary>
    public bool TrySet(DateOnly date, SessionOfDay session, AttendanceCode code) => TrySet(date, session, code, null);

    /// <summary>Records a mark with the minutes late the MIS gave for it (kept only for a late mark), replacing any earlier one.</summary>
    public bool TrySet(DateOnly date, SessionOfDay session, AttendanceCode code, int? minutesLate)
    {
        if (!Calendar.TryGetDayIndex(date, out var day))
        {
            return false;
        }

        var index = (day * 2) + (int)session;
        _marks[index] = (byte)(code.Index + 1);
        if (minutesLate is { } minutes && code.IsLate)
        {
            (_minutesLate ??= [])[index] = minutes;
        }
        else
        {
            _minutesLate?.Remove(index);
        }

        return true;
    }

    /// <summary>The minutes late recorded for a session, or null when it is not a late mark or the MIS gave none.</summary>
    public int? MinutesLate(DateOnly date, SessionOfDay session) =>
        Calendar.TryGetDayIndex(date, out var day) && _minutesLate is not null && _minutesLate.TryGetValue((day * 2) + (int)session, out var m) ? m : null;

    /// <summary>Minutes late summed over the late sessions in <paramref name="range"/> that have them.</summary>
    public int MinutesLate(DateRange range)
    {
        if (_minutesLate is null)
        {
            return 0;
        }

        var (from, to) = Calendar.DayIndexes(range);
        return _minutesLate.Where(m => m.Key >= from * 2 && m.Key < to * 2).Sum(m => m.Value);
    }

    public AttendanceCode? Mark(DateOnly date, SessionOfDay session) =>
        Calendar.TryGetDayIndex(date, out var day) ? MarkAt((day * 2) + (int)session) : null;

    public AttendanceCode? MarkAt(int sessionIndex) =>
        _marks[sessionIndex] == Empty ? null : AttendanceCode.FromIndex(_marks[sessionIndex] - 1);

    /// <summary>Every mark recorded, in session order.</summary>
    public IEnumerable<SessionMark> Marks()
    {
        for (var i = 0; i < _marks.Length; i++)
        {
            if (_marks[i] != Empty)
            {
                yield return new SessionMark(PupilId, Calendar.DayAt(i / 2), (SessionOfDay)(i % 2), AttendanceCode.FromIndex(_marks[i] - 1));
            }
        }
    }

    public AttendanceTotals Totals(DateRange range)
    {
        var (from, to) = Calendar.DayIndexes(range);
        return Totals(from * 2, to * 2);
    }

    /// <summary>Totals over sessions <paramref name="fromSession"/> (inclusive) to <paramref name="toSession"/> (exclusive).</summary>
    internal AttendanceTotals Totals(int fromSession, int toSession)
    {
        // Count marks by code first, then fold the counts into categories: one tight loop over bytes.
        Span<int> counts = stackalloc int[AttendanceCode.Count + 1];
        foreach (var mark in _marks.AsSpan(fromSession, toSession - fromSession))
        {
            counts[mark]++;
        }

        return MarkCategories.Fold(counts);
    }

    /// <summary>The category of the mark in a slot, or null when the slot is empty.</summary>
    internal AttendanceCategory? CategoryAt(int sessionIndex) => MarkCategories.Of(_marks[sessionIndex]);
}

/// <summary>Category lookups by stored mark byte (0 = empty, otherwise code index + 1).</summary>
internal static class MarkCategories
{
    private static readonly AttendanceCategory?[] s_byMark = BuildCategories();
    private static readonly bool[] s_lateByMark = [false, .. Enumerable.Range(0, AttendanceCode.Count).Select(i => AttendanceCode.FromIndex(i).IsLate)];

    public static AttendanceCategory? Of(byte mark) => s_byMark[mark];

    public static AttendanceTotals Fold(ReadOnlySpan<int> countsByMark)
    {
        int present = 0, approved = 0, authorised = 0, unauthorised = 0, late = 0;
        for (var m = 1; m < countsByMark.Length; m++)
        {
            var n = countsByMark[m];
            if (n == 0)
            {
                continue;
            }

            switch (s_byMark[m])
            {
                case AttendanceCategory.Present: present += n; break;
                case AttendanceCategory.ApprovedActivity: approved += n; break;
                case AttendanceCategory.AuthorisedAbsence: authorised += n; break;
                case AttendanceCategory.UnauthorisedAbsence: unauthorised += n; break;
                default: break;
            }

            if (s_lateByMark[m])
            {
                late += n;
            }
        }

        return new AttendanceTotals(present, approved, authorised, unauthorised, late);
    }

    private static AttendanceCategory?[] BuildCategories()
    {
        var table = new AttendanceCategory?[AttendanceCode.Count + 1];
        for (var i = 0; i < AttendanceCode.Count; i++)
        {
            table[i + 1] = AttendanceCode.FromIndex(i).Category;
        }

        return table;
    }
}
