using System.Globalization;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>Converts between stored <see cref="AttendanceYear"/> documents and stamped marks or registers.</summary>
/// <remarks>
/// A day is stored as <c>yyyy-MM-dd AM PM amStamp pmStamp</c>, <c>-</c> for an empty session (stamp 0). A trust
/// stores hundreds of thousands of such days and every job reads them, so both directions work on spans: one pass,
/// no split, no culture-aware parse (<see cref="AttendanceDayText"/>). The text is the same as before.
/// </remarks>
public static class AttendanceYearCodec
{
    public static string DocumentId(string pupilId, AcademicYear year) => string.Create(CultureInfo.InvariantCulture, $"{pupilId}.{year.StartYear}");

    /// <summary>The last day any of the documents marks a session, or null when none does.</summary>
    public static DateOnly? LastMarkedDay(IEnumerable<AttendanceYear> years)
    {
        DateOnly? last = null;
        foreach (var year in years)
        {
            // Days are in date order: the first marked day from the end is the year's last.
            for (var i = year.Days.Count - 1; i >= 0; i--)
            {
                var day = AttendanceDayText.Read(year.Days[i], year);
                if (day.Am is not null || day.Pm is not null)
                {
                    last = last is { } before && before >= day.Date ? before : day.Date;
                    break;
                }
            }
        }

        return last;
    }

    /// <summary>The documents for one pupil's stamped marks, one per academic year, days in date order.</summary>
    public static IEnumerable<AttendanceYear> Encode(string pupilId, IEnumerable<(DateOnly Date, SessionOfDay Session, StampedMark Mark)> marks) =>
        EncodeOwn(pupilId, marks.ToArray(), texts: null);

    /// <summary>The documents for one pupil's table of stamped marks, as <see cref="Encode(string, IEnumerable{ValueTuple{DateOnly, SessionOfDay, StampedMark}})"/> makes them.</summary>
    public static IEnumerable<AttendanceYear> Encode(string pupilId, IReadOnlyDictionary<(DateOnly Date, SessionOfDay Session), StampedMark> marks) =>
        Encode(pupilId, marks, texts: null);

    /// <summary>As <see cref="Encode(string, IReadOnlyDictionary{ValueTuple{DateOnly, SessionOfDay}, StampedMark})"/>, each day's text taken from <paramref name="texts"/> when written before.</summary>
    /// <remarks>A pupil whose marks are all the export's (<see cref="ExportedMarks"/>) is encoded from the export's register as it stands: no table of their marks is made.</remarks>
    internal static IEnumerable<AttendanceYear> Encode(string pupilId, IReadOnlyDictionary<(DateOnly Date, SessionOfDay Session), StampedMark> marks, DayTexts? texts)
    {
        if (marks is ExportedMarks { ExportedAt: var stamp } exported && stamp != default)
        {
            return EncodeExported(pupilId, exported, texts);
        }

        var own = new (DateOnly, SessionOfDay, StampedMark)[marks.Count];
        var i = 0;
        foreach (var ((date, session), mark) in marks)
        {
            if (i == own.Length)
            {
                // A table that lists more than it counts still encodes every mark it lists.
                Array.Resize(ref own, Math.Max(4, own.Length * 2));
            }

            own[i++] = (date, session, mark);
        }

        return EncodeOwn(pupilId, i == own.Length ? own : own[..i], texts);
    }

    /// <summary>The documents of a pupil whose every mark is the export's: one stamp, days read from the register in session order.</summary>
    /// <remarks>The same documents <see cref="EncodeOwn"/> makes of the same marks (a test compares them).</remarks>
    private static IEnumerable<AttendanceYear> EncodeExported(string pupilId, ExportedMarks marks, DayTexts? texts)
    {
        var calendar = marks.Register.Calendar;
        List<string>? days = null;
        List<string>? late = null;
        AcademicYear year = default;
        for (var d = 0; d < calendar.SchoolDayCount; d++)
        {
            var (am, pm) = (marks.Register.MarkAt(2 * d), marks.Register.MarkAt((2 * d) + 1));
            if (am is null && pm is null)
            {
                continue;
            }

            var date = calendar.DayAt(d);
            if (days is null || AcademicYear.Containing(date) != year)
            {
                if (days is not null)
                {
                    yield return new AttendanceYear(pupilId, year.StartYear, [marks.ExportedAt], days) { MinutesLate = late };
                }

                (year, days, late) = (AcademicYear.Containing(date), [], null);
            }

            days.Add(Day(texts, date, am, pm, 0, 0));
            AddLate(ref late, date, SessionOfDay.Am, am is null ? null : marks.MinutesLateAt(2 * d));
            AddLate(ref late, date, SessionOfDay.Pm, pm is null ? null : marks.MinutesLateAt((2 * d) + 1));
        }

        if (days is not null)
        {
            yield return new AttendanceYear(pupilId, year.StartYear, [marks.ExportedAt], days) { MinutesLate = late };
        }
    }

    /// <summary>A day's stored text, from <paramref name="texts"/> when it has written the same day before.</summary>
    private static string Day(DayTexts? texts, DateOnly date, AttendanceCode? am, AttendanceCode? pm, int amStamp, int pmStamp) =>
        texts?.Of(date, am, pm, amStamp, pmStamp) ?? AttendanceDayText.Write(date, am, pm, amStamp, pmStamp);

    private static void AddLate(ref List<string>? late, DateOnly date, SessionOfDay session, int? minutes)
    {
        if (minutes is { } m)
        {
            (late ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} {session.ToString().ToUpperInvariant()} {m}"));
        }
    }

    /// <summary>Encodes marks in an array this codec may reorder.</summary>
    private static IEnumerable<AttendanceYear> EncodeOwn(string pupilId, (DateOnly Date, SessionOfDay Session, StampedMark Mark)[] sorted, DayTexts? texts)
    {
        if (!InOrder(sorted))
        {
            // Sorted by (date, session), the input position breaking ties, so equal keys keep their input order: one
            // primitive key per mark sorts several times faster than a comparison delegate over the tuples.
            var keys = new long[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                keys[i] = ((long)SessionNumber(sorted[i]) << 32) | (uint)i;
            }

            Array.Sort(keys, sorted);
        }

        var start = 0;
        while (start < sorted.Length)
        {
            var year = AcademicYear.Containing(sorted[start].Date);
            var end = start + 1;
            while (end < sorted.Length && AcademicYear.Containing(sorted[end].Date) == year)
            {
                end++;
            }

            yield return EncodeYear(pupilId, year, sorted.AsSpan(start, end - start), texts);
            start = end;
        }
    }

    /// <summary>Whether the marks are already in (date, session) order, equal keys allowed: marks read from a register or a stored year are.</summary>
    private static bool InOrder(ReadOnlySpan<(DateOnly Date, SessionOfDay Session, StampedMark Mark)> marks)
    {
        for (var i = 1; i < marks.Length; i++)
        {
            if (SessionNumber(marks[i]) < SessionNumber(marks[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static int SessionNumber((DateOnly Date, SessionOfDay Session, StampedMark Mark) mark) => (mark.Date.DayNumber * 2) + (int)mark.Session;

    /// <summary>One year's document from its marks, sorted by date and session.</summary>
    private static AttendanceYear EncodeYear(string pupilId, AcademicYear year, ReadOnlySpan<(DateOnly Date, SessionOfDay Session, StampedMark Mark)> marks, DayTexts? texts)
    {
        var distinct = new HashSet<DateTimeOffset>();
        foreach (var m in marks)
        {
            distinct.Add(m.Mark.ExportedAt);
        }

        List<DateTimeOffset> stamps = [.. distinct.Order()];
        var days = new List<string>(marks.Length / 2 + 1);
        List<string>? late = null;
        for (var i = 0; i < marks.Length;)
        {
            var date = marks[i].Date;
            StampedMark am = default, pm = default;
            bool hasAm = false, hasPm = false;
            for (; i < marks.Length && marks[i].Date == date; i++)
            {
                // The first mark of a session counts, as it always has; the merge never gives two.
                var m = marks[i];
                if (m.Session == SessionOfDay.Am && !hasAm)
                {
                    (am, hasAm) = (m.Mark, true);
                }
                else if (m.Session == SessionOfDay.Pm && !hasPm)
                {
                    (pm, hasPm) = (m.Mark, true);
                }

                AddLate(ref late, date, m.Session, m.Mark.ExportedAt != default ? m.Mark.MinutesLate : null);
            }

            // A session whose mark has no stamp is written empty, as it always was.
            AttendanceCode? amCode = am.ExportedAt == default ? null : am.Code, pmCode = pm.ExportedAt == default ? null : pm.Code;
            days.Add(Day(texts, date, amCode, pmCode, StampOf(am), StampOf(pm)));
        }

        return new AttendanceYear(pupilId, year.StartYear, stamps, days) { MinutesLate = late };

        int StampOf(StampedMark m) => m.ExportedAt == default ? 0 : stamps.BinarySearch(m.ExportedAt);
    }

    /// <summary>The stamped marks a document holds.</summary>
    /// <exception cref="FormatException">The document is damaged; the message names the pupil, year and day.</exception>
    public static IEnumerable<(DateOnly Date, SessionOfDay Session, StampedMark Mark)> Decode(AttendanceYear year)
    {
        var minutes = MinutesOf(year);
        foreach (var text in year.Days)
        {
            var day = AttendanceDayText.Read(text, year);
            if (day.Am is { } am)
            {
                yield return (day.Date, SessionOfDay.Am, new StampedMark(am, year.Stamps[day.AmStamp], LateOf(minutes, day.Date, SessionOfDay.Am)));
            }

            if (day.Pm is { } pm)
            {
                yield return (day.Date, SessionOfDay.Pm, new StampedMark(pm, year.Stamps[day.PmStamp], LateOf(minutes, day.Date, SessionOfDay.Pm)));
            }
        }
    }

    /// <summary>Fills a register from stored years; marks on days that are no longer school days are skipped and counted.</summary>
    /// <exception cref="FormatException">A document is damaged; the message names the pupil, year and day.</exception>
    public static int Fill(PupilRegister register, IEnumerable<AttendanceYear> years)
    {
        var skipped = 0;
        foreach (var year in years)
        {
            var minutes = MinutesOf(year);
            foreach (var text in year.Days)
            {
                var day = AttendanceDayText.Read(text, year);
                skipped += Set(register, day.Date, SessionOfDay.Am, day.Am, minutes) + Set(register, day.Date, SessionOfDay.Pm, day.Pm, minutes);
            }
        }

        return skipped;
    }

    private static int Set(PupilRegister register, DateOnly date, SessionOfDay session, AttendanceCode? code, Dictionary<(DateOnly, SessionOfDay), int>? minutes) =>
        code is not { } c || register.TrySet(date, session, c, LateOf(minutes, date, session)) ? 0 : 1;

    private static int? LateOf(Dictionary<(DateOnly, SessionOfDay), int>? minutes, DateOnly date, SessionOfDay session) =>
        minutes is not null && minutes.TryGetValue((date, session), out var m) ? m : null;

    private static Dictionary<(DateOnly, SessionOfDay), int>? MinutesOf(AttendanceYear year)
    {
        if (year.MinutesLate is not { Count: > 0 } entries)
        {
            return null;
        }

        var minutes = new Dictionary<(DateOnly, SessionOfDay), int>(entries.Count);
        foreach (var entry in entries)
        {
            // "yyyy-MM-dd AM 12": three parts split by single spaces, read in place (a culture-aware date parse per
            // entry was 4% of a trust's check and snapshot processor time).
            var text = entry.AsSpan();
            var (first, last) = (text.IndexOf(' '), text.LastIndexOf(' '));
            if (first < 0 || last <= first + 1 || text[(first + 1)..last].Contains(' ')
                || !AttendanceDayText.TryReadDate(text[..first], out var date)
                || !Enum.TryParse<SessionOfDay>(text[(first + 1)..last], ignoreCase: true, out var session)
                || !int.TryParse(text[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                throw new FormatException($"attendance document {year.PupilId}.{year.Year}: cannot read minutes late '{entry}'");
            }

            minutes[(date, session)] = m;
        }

        return minutes;
    }
}
