using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Alerts;

/// <summary>The conditions the daily attendance check raises alerts for.</summary>
public enum AlertRule
{
    NewUnexplainedAbsence,
    OverdueUnexplainedAbsence,
    AttendanceThreshold,
    PersistentAbsenceRunway,
    PenaltyNoticeThreshold,
    ContinuousAbsence,
    AbsencePattern,
    Lateness,
}

public enum AlertSeverity
{
    Info,
    Warning,
    Urgent,
}

/// <summary>One condition about one pupil, with its evidence and the staff roles who act on it.</summary>
/// <remarks>
/// <see cref="Level"/> orders how bad the condition is within its rule (a lower threshold crossed, more
/// unauthorised sessions, a longer spell); an alert in cool-down is raised again only at a higher level.
/// </remarks>
public sealed record Alert(
    string PupilId,
    AlertRule Rule,
    AlertSeverity Severity,
    int Level,
    string Evidence,
    EquatableList<StaffRoleKind> Audience,
    DateOnly RaisedOn)
{
    /// <summary>The pupil's interventions open on the day, so whoever acts on the alert knows who else is working with the pupil; null when none.</summary>
    public string? OpenInterventions { get; init; }
}

/// <summary>What was last alerted for one pupil and rule, kept between daily checks.</summary>
public sealed record AlertState(string PupilId, AlertRule Rule, int Level, DateOnly LastRaised)
{
    public string Id => $"{PupilId}-{Rule}";
}

/// <summary>The alert rules as staff read them, in the CLI's summaries (the digests head their lists in their own words).</summary>
public static class AlertRuleText
{
    public static string Describe(this AlertRule rule) => rule switch
    {
        AlertRule.NewUnexplainedAbsence => "New unexplained absence (N)",
        AlertRule.OverdueUnexplainedAbsence => "Unexplained absence overdue",
        AlertRule.AttendanceThreshold => "Attendance below a threshold",
        AlertRule.PersistentAbsenceRunway => "Close to persistent absence at year end",
        AlertRule.PenaltyNoticeThreshold => "10+ unauthorised sessions in 10 school weeks",
        AlertRule.ContinuousAbsence => "Continuous absence",
        AlertRule.AbsencePattern => "Pattern of absence",
        AlertRule.Lateness => "Late often",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "an alert rule with no wording"),
    };
}
