using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>One pupil's late reasons for one academic year, as stored.</summary>
public sealed record LateReasonYear(string PupilId, int Year, IReadOnlyList<LateReason> Reasons)
{
    public static string DocumentId(string pupilId, int year) => $"{pupilId}.{year.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Merges the late reasons an export carries into the stored ones: a pure function, like the marks' merge.</summary>
/// <remarks>
/// Only an export whose attendance file has a late-reason column says anything about reasons. For each late mark it
/// carries, its reason (or its having none) replaces the stored one, unless the stored mark came from a newer export
/// (the rule <see cref="ExportMerge"/> applies to marks). Returns only the pupil-years that changed.
/// </remarks>
public static class LateReasonMerge
{
    public static IReadOnlyList<LateReasonYear> Apply(
        IReadOnlyDictionary<string, IReadOnlyList<LateReasonYear>> stored,
        AttendanceRegisters? export,
        KnownMarks knownMarks,
        DateTimeOffset exportedAt)
    {
        if (export is null || !export.HasLateReasonColumn)
        {
            return [];
        }

        var changed = new List<LateReasonYear>();
        var calendar = export.Calendar;
        foreach (var (pupilId, register) in export.ByPupil.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var byKey = (stored.GetValueOrDefault(pupilId) ?? []).SelectMany(y => y.Reasons).ToDictionary(r => (r.Date, r.Session));
            var touched = new HashSet<int>();
            var marksBefore = knownMarks.Of(pupilId);
            for (var s = 0; s < calendar.SessionCount; s++)
            {
                if (register.MarkAt(s) is not { IsLate: true })
                {
                    continue;
                }

                var (date, session) = (calendar.DayAt(s / 2), (SessionOfDay)(s % 2));
                if (marksBefore is not null && marksBefore.TryGetValue((date, session), out var before) && before.ExportedAt > exportedAt)
                {
                    continue;
                }

                var now = export.LateReasons.TryGetValue((pupilId, s), out var text) ? new LateReason(date, session, text, exportedAt) : null;
                var had = byKey.GetValueOrDefault((date, session));
                if (now?.Reason == had?.Reason)
                {
                    continue;
                }

                if (now is null)
                {
                    byKey.Remove((date, session));
                }
                else
                {
                    byKey[(date, session)] = now;
                }

                touched.Add(AcademicYear.Containing(date).StartYear);
            }

            changed.AddRange(touched.Order().Select(year => new LateReasonYear(pupilId, year,
                [.. byKey.Values.Where(r => AcademicYear.Containing(r.Date).StartYear == year).OrderBy(r => r.Date).ThenBy(r => r.Session)])));
        }

        return changed;
    }
}
