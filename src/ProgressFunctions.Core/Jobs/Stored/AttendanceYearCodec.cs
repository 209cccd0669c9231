using System.Globalization;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>Converts between stored <see cref="AttendanceYear"/> documents and stamped marks or registers.</summary>
public static class AttendanceYearCodec
{
    private const string Empty = "-";

    public static string DocumentId(string pupilId, AcademicYear year) => string.Create(CultureInfo.InvariantCulture, $"{pupilId}.{year.StartYear}");

    /// <summary>The documents for one pupil's stamped marks, one per academic year, days in date order.</summary>
    public static IEnumerable<AttendanceYear> Encode(string pupilId, IEnumerable<(DateOnly Date, SessionOfDay Session, StampedMark Mark)> marks)
    {
        foreach (var year in marks.GroupBy(m => AcademicYear.Containing(m.Date)).OrderBy(g => g.Key))
        {
            var stamps = year.Select(m => m.Mark.ExportedAt).Distinct().Order().ToList();
            var days = year.GroupBy(m => m.Date).OrderBy(d => d.Key).Select(day =>
            {
                var am = day.FirstOrDefault(m => m.Session == SessionOfDay.Am);
                var pm = day.FirstOrDefault(m => m.Session == SessionOfDay.Pm);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{day.Key:yyyy-MM-dd} {Code(am.Mark)} {Code(pm.Mark)} {Stamp(am.Mark)} {Stamp(pm.Mark)}");

                string Code(StampedMark m) => m.ExportedAt == default ? Empty : m.Code.Code;
                int Stamp(StampedMark m) => m.ExportedAt == default ? 0 : stamps.IndexOf(m.ExportedAt);
            });
            List<string> late = [.. year.Where(m => m.Mark.MinutesLate is not null && m.Mark.ExportedAt != default).OrderBy(m => m.Date).ThenBy(m => m.Session)
                .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Date:yyyy-MM-dd} {m.Session.ToString().ToUpperInvariant()} {m.Mark.MinutesLate}"))];
            yield return new AttendanceYear(pupilId, year.Key.StartYear, stamps, [.. days]) { MinutesLate = late.Count == 0 ? null : late };
        }
    }

    /// <summary>The stamped marks a document holds.</summary>
    /// <exception cref="FormatException">The document is damaged; the message names the pupil, year and day.</exception>
    public static IEnumerable<(DateOnly Date, SessionOfDay Session, StampedMark Mark)> Decode(AttendanceYear year)
    {
        var minutes = MinutesOf(year);
        foreach (var day in year.Days)
        {
            var parts = day.Split(' ');
            if (parts.Length != 5 || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !ValidStamp(parts[3], year) || !ValidStamp(parts[4], year))
            {
                throw new FormatException($"attendance document {year.PupilId}.{year.Year}: cannot read day '{day}'");
            }

            for (var s = 0; s < 2; s++)
            {
                if (parts[s + 1] == Empty)
                {
                    continue;
                }

                var code = AttendanceCode.TryParse(parts[s + 1], out var c) ? c
                    : throw new FormatException($"attendance document {year.PupilId}.{year.Year}: '{parts[s + 1]}' on {parts[0]} is not a code");
                int? late = minutes.TryGetValue((date, (SessionOfDay)s), out var m) ? m : null;
                yield return (date, (SessionOfDay)s, new StampedMark(code, year.Stamps[int.Parse(parts[s + 3], CultureInfo.InvariantCulture)], late));
            }
        }
    }

    private static Dictionary<(DateOnly, SessionOfDay), int> MinutesOf(AttendanceYear year)
    {
        var minutes = new Dictionary<(DateOnly, SessionOfDay), int>();
        foreach (var entry in year.MinutesLate ?? [])
        {
            var parts = entry.Split(' ');
            if (parts.Length != 3 || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !Enum.TryParse<SessionOfDay>(parts[1], ignoreCase: true, out var session)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                throw new FormatException($"attendance document {year.PupilId}.{year.Year}: cannot read minutes late '{entry}'");
            }

            minutes[(date, session)] = m;
        }

        return minutes;
    }

    private static bool ValidStamp(string text, AttendanceYear year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && (i < year.Stamps.Count || year.Stamps.Count == 0);

    /// <summary>Fills a register from stored years; marks on days that are no longer school days are skipped and counted.</summary>
    public static int Fill(PupilRegister register, IEnumerable<AttendanceYear> years)
    {
        var skipped = 0;
        foreach (var (date, session, mark) in years.SelectMany(Decode))
        {
            skipped += register.TrySet(date, session, mark.Code, mark.MinutesLate) ? 0 : 1;
        }

        return skipped;
    }
}
