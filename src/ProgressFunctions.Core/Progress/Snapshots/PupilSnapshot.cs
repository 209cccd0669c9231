using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>One subject of a pupil at a snapshot: where they are, where they aim, where they should be by now.</summary>
/// <remarks>
/// <see cref="Current"/> is the latest result on or before the snapshot date. <see cref="Expected"/> is the flight
/// path on that result's date (so it agrees with <see cref="Band"/>), or on the snapshot date when there is no result
/// yet. <see cref="ChangeSinceLast"/> is current minus the current value in the previous snapshot, in scale points;
/// null when either has no result, or when there is no result since the previous snapshot
/// (<see cref="NotAssessedSinceLast"/>). Values are exact; <see cref="ExpectedGrade"/> is for display only.
/// </remarks>
public sealed record SubjectSnapshot(
    string Subject,
    string? TeachingGroup,
    string Scale,
    string? CurrentGrade,
    decimal? Current,
    string TargetGrade,
    TargetSource TargetSource,
    decimal Expected,
    string ExpectedGrade,
    ProgressBand? Band,
    ProgressConcern Concerns,
    decimal? ChangeSinceLast,
    ProgressBand? PreviousBand)
{
    /// <summary>The date of the latest result; null when there is none, and in snapshots stored before it was kept.</summary>
    public DateOnly? LatestOn { get; init; }

    /// <summary>Whether the latest result is the one the previous snapshot already held (same date, same value): the pupil has no result since it.</summary>
    /// <remarks>
    /// A pupil absent on an assessment week keeps last term's result, and its change was printed "No change", as if
    /// they had been assessed at the same grade. Known only when the previous snapshot kept <see cref="LatestOn"/>.
    /// </remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool NotAssessedSinceLast { get; init; }

    /// <summary>Whether this is the pupil's first result in the subject since the previous snapshot, which held the pupil but no result in it.</summary>
    /// <remarks>
    /// There is no change to give, and "-" read as unknown beside subjects with a change. False when there is no
    /// previous snapshot or the pupil was not in it (no earlier report to compare with), and in snapshots stored before it was kept.
    /// </remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool FirstResultSinceLast { get; init; }

    public decimal? Difference => Current - Expected;

    public bool NotMakingExpectedProgress => Concerns != ProgressConcern.None;
}

/// <summary>Homework due in the term up to the snapshot date.</summary>
/// <remarks>Completion counts work handed in on time or late; both rates are exact, null when none was set.</remarks>
public sealed record HomeworkSummary(int Completed, int Late, int Missing)
{
    public static HomeworkSummary None { get; } = new(0, 0, 0);

    public int Set => Completed + Late + Missing;

    public decimal? CompletionRate => Percentages.Of(Completed + Late, Set);

    public decimal? OnTimeRate => Percentages.Of(Completed, Set);
}

/// <summary>One pupil at a snapshot: attendance, progress per subject, behaviour and homework.</summary>
/// <remarks>
/// Term figures run from the term's first day to the snapshot date, both inclusive; year figures from 1 August.
/// <see cref="BehaviourPoints"/> adds up the negative events' points as a positive number;
/// <see cref="AchievementPoints"/> adds up the positive ones. <see cref="TermMinutesLate"/> sums the minutes late
/// the MIS gave for the term's late sessions (null in snapshots taken before minutes were kept).
/// <see cref="NeedsAttention"/> says why the school's <see cref="NeedsAttentionRule"/> picks the pupil out; null when it
/// does not (and in snapshots taken before the rule existed).
/// </remarks>
public sealed record PupilSnapshot(
    string PupilId,
    int YearGroup,
    string RegistrationGroup,
    SenStatus Sen,
    AttendanceTotals TermAttendance,
    AttendanceTotals YearAttendance,
    EquatableList<SubjectSnapshot> Subjects,
    int BehaviourPoints,
    int AchievementPoints,
    HomeworkSummary Homework)
{
    /// <summary>The pupil's UPN when the snapshot was taken: with the id, who the figures are about (null in snapshots stored before it was kept).</summary>
    /// <remarks>Checked against the stored pupil before any report built from the snapshot is sent, so figures never reach another child's family.</remarks>
    public string? Upn { get; init; }

    /// <summary>The pupil's names when the snapshot was taken, so that every report built from it later prints the same name (null in older snapshots).</summary>
    public PupilName? Name { get; init; }

    /// <summary>The year's attendance school week by school week to the snapshot date, for the parent report's chart (<see cref="WeeklyRates"/>; null in older snapshots).</summary>
    public string? Weeks { get; init; }

    /// <summary>The attendance band of the year so far, or null with no possible sessions.</summary>
    public AttendanceBand? AttendanceBand => YearAttendance.Band;

    public bool NotMakingExpectedProgress => Subjects.Any(s => s.NotMakingExpectedProgress);

    public int? TermMinutesLate { get; init; }

    public string? NeedsAttention { get; init; }

    /// <summary>What the pupil's figures are broken down by (disadvantage, EAL, looked after, gender); null in snapshots taken before they were kept.</summary>
    public PupilGroups.PupilCharacteristics? Characteristics { get; init; }

    /// <summary>The pupil's interventions started by the snapshot date, each with its impact; null when none (and in older snapshots).</summary>
    public EquatableList<Interventions.InterventionOutcome>? Interventions { get; init; }

    /// <summary>The subjects the pupil has results in but no target for, school's or default: shown with their latest result, never dropped; null when none (and in older snapshots).</summary>
    /// <remarks>Outside <see cref="Subjects"/> and every progress figure, which need a target to measure against.</remarks>
    public EquatableList<UntargetedSubject>? WithoutTarget { get; init; }

    /// <summary>Whether any subject has a result yet: without one, nothing can be said about progress.</summary>
    public bool HasResults => Subjects.Any(s => s.Band is not null);
}

/// <summary>A subject a pupil has results in but no target for: its latest result on or before the snapshot date.</summary>
/// <remarks>
/// <see cref="CurrentGrade"/> is the latest result whose grade is on its scale (by date, then assessment point,
/// ordinal), as the scale writes it; null when none is. The subject is named as its first result spells it, trimmed.
/// </remarks>
public sealed record UntargetedSubject(string Subject, string Scale, string? CurrentGrade);

/// <summary>A pupil's names as the MIS gave them.</summary>
public sealed record PupilName(string LegalForename, string LegalSurname, string? PreferredForename);

/// <summary>A pupil's weekly attendance rates kept in a snapshot as one compact text, <c>yyMMdd=rate;...</c>.</summary>
/// <remarks>
/// Each school week's Monday and its attendance rate rounded half-up to one decimal place (as the chart shows it), or
/// nothing after <c>=</c> for a week with no possible session. Compact because a snapshot part holds 200 pupils and must
/// stay far below Cosmos DB's 2 MB item limit.
/// </remarks>
public static class WeeklyRates
{
    public static string Write(IEnumerable<Attendance.WeekAttendance> weeks)
    {
        // Formatted in place into one buffer, sized for the longest week ("yyMMdd=100.0;"), and copied once into the
        // string: a string per week and per part of it was most of a snapshot's text allocations, and a growing builder
        // the rest.
        var list = weeks as IReadOnlyList<Attendance.WeekAttendance> ?? [.. weeks];
        var length = list.Count * 13;
        char[]? rented = null;
        var buffer = length <= 1024 ? stackalloc char[length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var written = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var w = list[i];
            if (i > 0)
            {
                buffer[written++] = ';';
            }

            // Each part formatted by itself: a nullable value in an interpolated string is formatted by way of a box.
            w.Monday.TryFormat(buffer[written..], out var n, "yyMMdd", invariant);
            written += n;
            buffer[written++] = '=';
            if (w.AttendanceRate is { } exact)
            {
                if (!Percentages.RoundHalfUp(exact, 1).TryFormat(buffer[written..], out n, default, invariant))
                {
                    throw new InvalidOperationException($"a weekly rate longer than 13 characters: {exact}");
                }

                written += n;
            }
        }

        var text = new string(buffer[..written]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return text;
    }

    public static IReadOnlyList<(DateOnly Monday, decimal? Rate)> Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        // Parsed from slices of the text: every parent report reads its pupil's weeks, and a string per week and part added up.
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var span = text.AsSpan();
        var weeks = new (DateOnly Monday, decimal? Rate)[span.Count(';') + 1];
        var i = 0;
        foreach (var range in span.Split(';'))
        {
            var week = span[range];
            var rate = week[7..];
            weeks[i++] = (DateOnly.ParseExact(week[..6], "yyMMdd", invariant), rate.IsEmpty ? null : decimal.Parse(rate, invariant));
        }

        return weeks;
    }
}
