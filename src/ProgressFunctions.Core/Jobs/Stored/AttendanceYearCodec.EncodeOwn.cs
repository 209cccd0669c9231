using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs.Stored;

// Encoding a table of marks: sorted by date and session unless already in order, then one document per academic year.
public static partial class AttendanceYearCodec
{
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
}
