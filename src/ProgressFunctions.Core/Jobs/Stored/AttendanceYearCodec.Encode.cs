using System.Globalization;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs.Stored;

// Encoding: a pupil's marks from the export's register as it stands, or from a table of their marks (EncodeOwn).
public static partial class AttendanceYearCodec
{
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

                // Sized for the register's days still to come: a year's list is not regrown (and copied) seven times over.
                (year, days, late) = (AcademicYear.Containing(date), new List<string>(calendar.SchoolDayCount - d), null);
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
}
