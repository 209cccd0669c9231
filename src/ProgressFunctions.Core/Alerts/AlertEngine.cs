using System.Globalization;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Alerts;

/// <summary>A pupil as the daily check sees them: who they are, their measures, and their register.</summary>
public sealed record PupilAttendanceView(Pupil Pupil, PupilAttendanceSummary Summary, PupilRegister Register)
{
    /// <summary>The pupil's interventions: each alert about the pupil names those open on the day of the check.</summary>
    public IReadOnlyList<Interventions.Intervention> Interventions { get; init; } = [];
}

public sealed record AlertEvaluation(IReadOnlyList<Alert> Raised, IReadOnlyList<AlertState> States);

/// <summary>Turns each pupil's attendance measures into alerts, without repeating what was alerted recently.</summary>
/// <remarks>
/// A condition already alerted within <see cref="AlertRules.CoolDownDays"/> is raised again only if it has worsened
/// (a higher <see cref="Alert.Level"/>); state from an earlier academic year is ignored, and so is state raised on
/// the as-of date itself, so that re-running a day's check gives that day's alerts again. Each new day's unexplained
/// absence is a new condition. SENCOs are added to the audience of every alert about a pupil with SEN support or an
/// EHC plan that is a warning or urgent, or that goes to the pupil's year leader (an absence pattern): the Info alerts
/// meant for the attendance officer alone (a new N, below 95% or 92%, lateness) are not theirs. Each pupil's summary is measured to the latest complete register, which may be the
/// day before <c>asOf</c>; the alerts about today's own marks (new unexplained absences) read <c>asOf</c> itself, so
/// an empty register for today raises none.
/// </remarks>
public static class AlertEngine
{
    public static AlertEvaluation Evaluate(IEnumerable<PupilAttendanceView> pupils, AlertRules rules, IEnumerable<AlertState> previous, DateOnly asOf)
    {
        var states = previous.ToDictionary(s => (s.PupilId, s.Rule));
        var raised = new List<Alert>();
        foreach (var view in pupils.OrderBy(p => p.Pupil.Id, StringComparer.Ordinal))
        {
            foreach (var alert in Conditions(view, rules, asOf))
            {
                var key = (alert.PupilId, alert.Rule);
                if (states.TryGetValue(key, out var last) && InCoolDown(last, alert, rules, asOf))
                {
                    continue;
                }

                raised.Add(alert);
                states[key] = new AlertState(alert.PupilId, alert.Rule, alert.Level, asOf);
            }
        }

        return new AlertEvaluation(raised, [.. states.Values.OrderBy(s => s.Id, StringComparer.Ordinal)]);
    }

    // A state raised on the as-of date itself is that day's own alert (a re-run after a crash): raise it again, so the
    // re-run's record of the day is complete; the send ledger keeps the digests from going out twice.
    private static bool InCoolDown(AlertState last, Alert alert, AlertRules rules, DateOnly asOf) =>
        last.LastRaised != asOf
        && AcademicYear.Containing(last.LastRaised) == AcademicYear.Containing(asOf)
        && asOf.DayNumber - last.LastRaised.DayNumber < rules.CoolDownDays
        && alert.Level <= last.Level;

    /// <summary>How much a count of sessions or school days must grow to count as worse within the cool-down: five, a school week's days.</summary>
    /// <remarks>
    /// The penalty-notice count and a continuous absence grow with every day away: levelled by the count itself, each
    /// day's absence made them "worse", and the same pupils were alerted again every day with a count one higher.
    /// Levelled in steps of five, one is raised again after a further school week of absence (or five sessions).
    /// </remarks>
    private const int StepOfWorsening = 5;

    private static IEnumerable<Alert> Conditions(PupilAttendanceView view, AlertRules rules, DateOnly asOf)
    {
        var s = view.Summary;
        var make = Maker(view.Pupil, asOf, OpenInterventions(view.Interventions, asOf));
        if (NewUnexplained(view.Register, asOf) is { Length: > 0 } sessions)
        {
            yield return make(AlertRule.NewUnexplainedAbsence, AlertSeverity.Info, asOf.DayNumber, $"no reason yet for today's absence ({sessions})", [StaffRoleKind.AttendanceOfficer]);
        }

        if (s.OverdueUnexplained.Count > 0)
        {
            var oldest = s.OverdueUnexplained[0];
            yield return make(AlertRule.OverdueUnexplainedAbsence, AlertSeverity.Warning, s.OverdueUnexplained.Count,
                Text($"{s.OverdueUnexplained.Count} sessions still marked N after more than 5 school days (oldest {oldest.Date:yyyy-MM-dd} {oldest.Session})"), [StaffRoleKind.AttendanceOfficer]);
        }

        if (ThresholdAlert(s.YearToDate, rules, make) is { } threshold)
        {
            yield return threshold;
        }

        if (!s.YearToDate.IsPersistentAbsence && s.Runway.BeforePersistent is { } runway && runway < rules.RunwaySessions
            && runway < s.Runway.SessionsRemaining && s.YearToDate.Possible >= rules.MinimumPossibleSessions)
        {
            yield return make(AlertRule.PersistentAbsenceRunway, AlertSeverity.Warning, rules.RunwaySessions - runway,
                Text($"can miss only {runway} more sessions this year before reaching persistent absence"), [StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader]);
        }

        if (s.RollingUnauthorised.ReachesThreshold)
        {
            var r = s.RollingUnauthorised;
            yield return make(AlertRule.PenaltyNoticeThreshold, AlertSeverity.Urgent, r.UnauthorisedSessions / StepOfWorsening,
                Text($"{r.UnauthorisedSessions} unauthorised sessions in the {r.Weeks} school weeks since {r.WindowStart:yyyy-MM-dd} (threshold {r.Threshold})"), [StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader]);
        }

        if (OpenSpell(s, view.Register.Calendar) is { } spell && spell.SchoolDays >= rules.ContinuousAbsenceDays)
        {
            yield return make(AlertRule.ContinuousAbsence, AlertSeverity.Urgent, spell.SchoolDays / StepOfWorsening,
                Text($"absent for {spell.SchoolDays} school days in a row since {spell.First:yyyy-MM-dd}"), [StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader]);
        }

        if (s.Patterns.Count > 0)
        {
            yield return make(AlertRule.AbsencePattern, AlertSeverity.Info, s.Patterns.Max(p => p.Absent),
                string.Join("; ", s.Patterns.Select(p => p.Evidence)), [StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader]);
        }

        if (s.Trend.Recent.Late >= rules.LatenessSessions)
        {
            yield return make(AlertRule.Lateness, AlertSeverity.Info, s.Trend.Recent.Late,
                Text($"late {s.Trend.Recent.Late} times in the last 4 school weeks"), [StaffRoleKind.AttendanceOfficer]);
        }
    }

    private static Alert? ThresholdAlert(AttendanceTotals ytd, AlertRules rules, Func<AlertRule, AlertSeverity, int, string, StaffRoleKind[], Alert> make)
    {
        if (ytd.Possible < rules.MinimumPossibleSessions)
        {
            return null;
        }

        var rate = Percentages.Format(ytd.AttendanceRate);
        if (ytd.IsSevereAbsence)
        {
            return make(AlertRule.AttendanceThreshold, AlertSeverity.Urgent, rules.AttendanceThresholds.Count + 2, $"attendance {rate} this year: severe absence (50% or more missed)", [StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader]);
        }

        if (ytd.IsPersistentAbsence)
        {
            return make(AlertRule.AttendanceThreshold, AlertSeverity.Warning, rules.AttendanceThresholds.Count + 1, $"attendance {rate} this year: persistent absence (10% or more missed)", [StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader]);
        }

        var crossed = rules.AttendanceThresholds.OrderDescending().Select((t, i) => (Threshold: t, Level: i + 1))
            .LastOrDefault(t => ytd.Attended * 100m < t.Threshold * ytd.Possible);
        return crossed.Level == 0 ? null
            : make(AlertRule.AttendanceThreshold, AlertSeverity.Info, crossed.Level, Text($"attendance {rate} this year, below {crossed.Threshold}%"), [StaffRoleKind.AttendanceOfficer]);
    }

    private static Func<AlertRule, AlertSeverity, int, string, StaffRoleKind[], Alert> Maker(Pupil pupil, DateOnly asOf, string? interventions) =>
        (rule, severity, level, evidence, audience) =>
        {
            // The SENCO is to pupils with SEN what a year leader is to a year: they see every alert a year leader would
            // (absence patterns too, which are only Info), and every warning or urgent one besides.
            var roles = pupil.Sen != SenStatus.None && (severity >= AlertSeverity.Warning || audience.Contains(StaffRoleKind.YearLeader))
                ? [.. audience, StaffRoleKind.Senco] : audience;
            return new Alert(pupil.Id, rule, severity, level, evidence, [.. roles], asOf) { OpenInterventions = interventions };
        };

    /// <summary>"Reading catch-up (since 3 Mar); Maths booster (since 9 Mar)", or null when none is open on <paramref name="asOf"/>.</summary>
    public static string? OpenInterventions(IEnumerable<Interventions.Intervention> interventions, DateOnly asOf) =>
        interventions.Where(i => i.IsOpenOn(asOf)).OrderBy(i => i.Start).ThenBy(i => i.Type, StringComparer.Ordinal).Select(i => i.Label).ToList() is { Count: > 0 } open
            ? string.Join("; ", open)
            : null;

    private static string NewUnexplained(PupilRegister register, DateOnly asOf) =>
        string.Join(" and ", Enum.GetValues<SessionOfDay>().Where(s => register.Mark(asOf, s) == AttendanceCode.NotYetKnown).Select(s => s.ToString().ToUpperInvariant()));

    /// <summary>The spell still running on the last school day the summary was measured to, if any.</summary>
    /// <remarks>
    /// The summary is measured to the latest complete register (<see cref="RegisterStatus.MeasuredOn"/>), so a spell
    /// that runs to yesterday is still open while today's marks have not arrived.
    /// </remarks>
    private static AbsenceSpell? OpenSpell(PupilAttendanceSummary summary, SchoolCalendar calendar)
    {
        var upTo = calendar.DaysUpTo(summary.AsOf);
        return upTo > 0 && summary.Spells.Count > 0 && summary.Spells[^1].Last == calendar.DayAt(upTo - 1) ? summary.Spells[^1] : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
