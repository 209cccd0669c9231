using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>What a batch of parent-facing messages carries.</summary>
public enum BatchKind
{
    /// <summary>A term snapshot's reports to parents and carers.</summary>
    ParentReports,

    /// <summary>One day's attendance letters to parents and carers.</summary>
    AttendanceLetters,
}

/// <summary>Where a batch is: prepared (waiting out its review period), held by staff, released (queued), or sent (every message sent or refused).</summary>
public enum BatchState
{
    Prepared,
    Held,
    Released,
    Sent,
}

/// <summary>The messages to families that one decision produced, held for the school to review before anything leaves.</summary>
/// <remarks>
/// <see cref="DataTo"/> is the last day of data the batch's messages report on (inclusive): what "older" and "newer"
/// mean between batches. <see cref="ReleaseOn"/> is the school day from which it may go without anyone acting
/// (<see cref="BatchRules.ReleaseOn"/>). <see cref="Messages"/> counts the e-mails decided, <see cref="Pupils"/> the
/// pupils they cover, <see cref="NotReached"/> the pupils whose message reaches no family member at all (with
/// the reasons in the batch's not-sent list, beside the contacts refused for pupils reached through another contact). <see cref="IncludeStale"/> records that staff released it knowing a newer batch exists.
/// </remarks>
public sealed record Batch(
    string Id,
    BatchKind Kind,
    string Source,
    DateOnly DataTo,
    DateOnly PreparedOn,
    DateOnly ReleaseOn,
    BatchState State,
    int Messages,
    int Pupils,
    int NotReached)
{
    public string? HeldReason { get; init; }

    public DateTimeOffset? ReleasedAt { get; init; }

    public bool IncludeStale { get; init; }

    /// <summary>What the batch is, as staff read it: "parent reports for the autumn term 2026/27 (start of term)"; the id when not given.</summary>
    public string? Title { get; init; }

    /// <summary><see cref="Title"/>, or the kind and source for a batch stored before titles were written down.</summary>
    public string Describe() => Title ?? (Kind == BatchKind.ParentReports ? $"parent reports of the {Source} snapshot" : $"attendance letters of {Source}");
}

/// <summary>When a batch may go, and when it may never go without being asked.</summary>
public static class BatchRules
{
    /// <summary>Two school days for staff to look at the preview unless the school says otherwise (<c>reviewSchoolDays</c>).</summary>
    public const int DefaultReviewSchoolDays = 2;

    /// <summary>The <paramref name="reviewSchoolDays"/>th school day after <paramref name="preparedOn"/>: a batch prepared on a
    /// Friday with two days' review goes on the Tuesday; with no school days left in the calendar, the day after the last.</summary>
    /// <remarks>Zero days releases on the day it is prepared.</remarks>
    public static DateOnly ReleaseOn(SchoolCalendar calendar, DateOnly preparedOn, int reviewSchoolDays)
    {
        var day = preparedOn;
        for (var counted = 0; counted < reviewSchoolDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsSchoolDay(day))
            {
                counted++;
            }
            else if (day > calendar.SchoolDays[^1])
            {
                return day;
            }
        }

        return day;
    }

    /// <summary>The parent-report batch whose data is newer than <paramref name="batch"/>'s, if there is one: then <paramref name="batch"/> is stale.</summary>
    /// <remarks>
    /// A stale batch is never sent unless staff release it with <c>--include-stale</c>: families must not get last term's
    /// report after this term's. Only term reports supersede each other; each day's attendance letters are their own.
    /// </remarks>
    public static Batch? NewerThan(Batch batch, IEnumerable<Batch> all) => batch.Kind != BatchKind.ParentReports ? null :
        all.Where(b => b.Kind == batch.Kind && b.Id != batch.Id && b.DataTo > batch.DataTo).MaxBy(b => b.DataTo);

    /// <summary>The pupils whose message reaches no one (their not-sent entry names no contact): what "not reached" counts.</summary>
    /// <remarks>A contact refused for a pupil whose report still goes to another contact is listed too, but that pupil is reached.</remarks>
    public static HashSet<string> PupilsReachedByNoOne(IEnumerable<Reports.Routing.NotSent> notSent) =>
        notSent.Where(n => n.ContactId is null).Select(n => n.PupilId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The fewest families fewer that <see cref="ReachesFarFewer"/> holds a batch for.</summary>
    public const int FewerHeldFrom = 5;

    /// <summary>Whether the batch decided again at release reaches far fewer pupils' families than the batch staff reviewed.</summary>
    /// <param name="reviewed">The pupils the reviewed batch's messages cover (<see cref="Batch.Pupils"/>: those reached).</param>
    /// <param name="now">The pupils the messages decided again at release cover, with those already sent (<see cref="BatchAmendment.ReachedNow"/>).</param>
    /// <remarks>
    /// Corrections made during the review add families or move a few; an export that lost most contacts' e-mail
    /// addresses or links (a contacts.csv cut short, a column emptied) would make most of the batch fail at send, each
    /// failure recorded, but the batch gone in a form nobody reviewed. At least <see cref="FewerHeldFrom"/> pupils and
    /// more than a tenth of those the review saw reached is far fewer.
    /// </remarks>
    public static bool ReachesFarFewer(int reviewed, int now)
    {
        var lost = reviewed - now;
        return lost >= FewerHeldFrom && lost * 10 > reviewed;
    }

    /// <summary>The most days a parent-report batch may be prepared after its figures end and still go by itself.</summary>
    public const int LateAfterDays = 21;

    /// <summary>Why a parent-report batch is held as it is prepared, or null: its figures end more than <see cref="LateAfterDays"/> days before.</summary>
    /// <remarks>
    /// Snapshots missed are caught up (a school starting mid-term, a daily run stopped for weeks): the latest one's
    /// reports would reach families with figures from weeks ago, as if new. They wait for staff to release them.
    /// </remarks>
    public static string? LateReason(BatchKind kind, DateOnly dataTo, DateOnly preparedOn) =>
        kind != BatchKind.ParentReports || preparedOn.DayNumber - dataTo.DayNumber <= LateAfterDays ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"its figures end on {dataTo:d MMMM yyyy}, {preparedOn.DayNumber - dataTo.DayNumber} days before it was prepared (a snapshot caught up late): families would read weeks-old figures as new, so it goes only if staff release it");

    /// <summary>Whether <paramref name="batch"/> goes without anyone acting on <paramref name="asOf"/>: prepared, its review period over, and not stale.</summary>
    public static bool ReleasesItself(Batch batch, IEnumerable<Batch> all, DateOnly asOf) =>
        batch.State == BatchState.Prepared && asOf >= batch.ReleaseOn && NewerThan(batch, all) is null;
}
