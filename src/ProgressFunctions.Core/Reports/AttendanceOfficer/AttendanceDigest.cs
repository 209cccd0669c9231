using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.AttendanceOfficer;

/// <summary>What the attendance officer's daily digest is made from: every pupil's measures as of one school day.</summary>
/// <remarks>
/// <see cref="Registers"/> give the as-of day's own marks (new N marks and lateness today); <see cref="Summaries"/>
/// everything else. A spell is "still open" when it runs to the last school day on or before <see cref="AsOf"/>.
/// <see cref="ContinuousAbsenceDays"/> and <see cref="RunwayWarningSessions"/> are the digest's thresholds.
/// </remarks>
public sealed record AttendanceDigestInput(
    string SchoolName,
    DateOnly AsOf,
    SchoolCalendar Calendar,
    IReadOnlyList<PupilAttendanceSummary> Summaries,
    IReadOnlyList<PupilRegister> Registers,
    SchoolDirectory Directory)
{
    public int ContinuousAbsenceDays { get; init; } = 10;

    public int RunwayWarningSessions { get; init; } = 10;
}

/// <summary>The attendance officer's daily digest: what needs a call or a letter today, each line with its evidence.</summary>
public static class AttendanceDigest
{
    public static ReportDocument Build(AttendanceDigestInput input)
    {
        var summaries = input.Summaries.OrderBy(s => s.PupilId, StringComparer.Ordinal).ToList();
        var today = DigestRows.Today(input);
        var overdue = summaries.SelectMany(s => s.OverdueUnexplained.Select(m => (s.PupilId, Mark: m))).ToList();
        var nearPa = summaries.Where(s => !s.YearToDate.IsPersistentAbsence && s.YearToDate.Possible > 0
            && (s.Runway.BeforePersistent is null || s.Runway.BeforePersistent < input.RunwayWarningSessions)).ToList();
        var severe = summaries.Where(s => s.YearToDate.IsSevereAbsence).ToList();
        var rolling = summaries.Where(s => s.RollingUnauthorised.ReachesThreshold).OrderByDescending(s => s.RollingUnauthorised.UnauthorisedSessions).ToList();
        var lastDay = LastSchoolDay(input.Calendar, input.AsOf);
        var open = summaries.SelectMany(s => s.Spells.Where(sp => sp.Last == lastDay && sp.SchoolDays >= input.ContinuousAbsenceDays).Select(sp => (s.PupilId, Spell: sp))).ToList();
        var patterns = summaries.SelectMany(s => s.Patterns.Select(p => (s.PupilId, Pattern: p))).ToList();
        var cohort = CohortSummary.Of("school", summaries.Select(s => s.YearToDate));

        var blocks = new List<ReportBlock>
        {
            new KeyFacts(
            [
                new KeyFact("Attendance this year", Percent(cohort.AttendanceRate), ToneOf(cohort.Totals.Band)),
                new KeyFact("Persistent absence", $"{Count(cohort.PersistentAbsentees)} ({Percent(cohort.PersistentAbsenceRate)})", cohort.PersistentAbsentees > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Unexplained today", Count(today.Unexplained.Count), today.Unexplained.Count > 0 ? Tone.Caution : Tone.Normal),
                new KeyFact("N marks overdue", Count(overdue.Count), overdue.Count > 0 ? Tone.Concern : Tone.Good),
                new KeyFact("Late today", Count(today.Late.Count)),
                new KeyFact("10+ unauthorised in 10 weeks", Count(rolling.Count), rolling.Count > 0 ? Tone.Concern : Tone.Good),
            ]),
            DigestRows.Section("New unexplained absences today (N)", "No new unexplained absences today.",
                [.. today.Unexplained.Select(m => Row(input, m.PupilId, $"{Session(m.Session)} session, reason not yet known", Tone.Caution))]),
            DigestRows.Section("Unexplained absences overdue", "No N marks are older than the time allowed to resolve them.",
                [.. overdue.Select(o => Row(input, o.PupilId, $"N mark on {ShortDate(o.Mark.Date)} {Session(o.Mark.Session)}, {o.Mark.AgeInSchoolDays} school days old", Tone.Concern))]),
            DigestRows.Section("Late today", "Nobody was late today.",
                [.. today.Late.Select(m => Row(input, m.PupilId, m.Code == AttendanceCode.LateAfterClose ? $"{Session(m.Session)}: late after the register closed (U, counts as unauthorised absence)" : $"{Session(m.Session)}: late before the register closed (L)"))]),
            DigestRows.Section("Close to persistent absence", $"No pupil is within {input.RunwayWarningSessions} sessions of persistent absence.",
                [.. nearPa.Select(s => Row(input, s.PupilId, DigestRows.Runway(s), Tone.Caution))]),
            DigestRows.Section("Severe absence (50% or more)", "No pupil is severely absent this year.",
                [.. severe.Select(s => Row(input, s.PupilId, $"attendance {Percent(s.YearToDate.AttendanceRate)}: absent {Count(s.YearToDate.Absent)} of {Count(s.YearToDate.Possible)} sessions", Tone.Concern))]),
            DigestRows.Section("10 or more unauthorised sessions in 10 school weeks", "No pupil has reached the penalty-notice threshold.",
                [.. rolling.Select(s => Row(input, s.PupilId, $"{s.RollingUnauthorised.UnauthorisedSessions} unauthorised sessions from {ShortDate(s.RollingUnauthorised.WindowStart)} to {ShortDate(s.RollingUnauthorised.WindowEnd)}", Tone.Concern))]),
            DigestRows.Section($"Continuous absence of {input.ContinuousAbsenceDays}+ school days, still open", "No continuous absence is open.",
                [.. open.Select(o => Row(input, o.PupilId, $"absent every session since {ShortDate(o.Spell.First)}: {o.Spell.SchoolDays} school days, {o.Spell.Sessions} sessions", Tone.Concern))]),
            DigestRows.Section("Patterns of absence", "No pattern of absence stands out.",
                [.. patterns.Select(p => Row(input, p.PupilId, p.Pattern.Evidence + DigestRows.Dates(p.Pattern), Tone.Caution))]),
        };
        return new ReportDocument($"Attendance digest: {Date(input.AsOf)}", "Daily attendance digest", input.SchoolName, input.AsOf, blocks)
        {
            FileName = $"attendance-digest-{input.AsOf:yyyy-MM-dd}.pdf",
        };

        static TableRow Row(AttendanceDigestInput input, string pupilId, string evidence, Tone tone = Tone.Normal)
        {
            var pupil = input.Directory.Pupil(pupilId);
            return new TableRow([NameOf(input.Directory, pupilId), pupil?.RegistrationGroup ?? "", evidence], tone);
        }
    }

    private static DateOnly LastSchoolDay(SchoolCalendar calendar, DateOnly asOf)
    {
        var upTo = calendar.DaysUpTo(asOf);
        return upTo == 0 ? asOf : calendar.DayAt(upTo - 1);
    }
}
