using System.Globalization;

namespace ProgressFunctions.Core.Attendance;

/// <summary>A repeated absence on one weekday, one weekday session, or one half of the day, with its evidence.</summary>
/// <remarks>
/// <see cref="Day"/> null means any day (an AM/PM split); <see cref="Session"/> null means the whole day.
/// <see cref="AbsentDates"/> are the dates behind the count, newest first.
/// </remarks>
public sealed record AbsencePattern(DayOfWeek? Day, SessionOfDay? Session, int Absent, int OutOf, IReadOnlyList<DateOnly> AbsentDates)
{
    /// <summary>"absent 4 of last 5 Friday PMs", "absent 3 of last 5 Mondays", "absent 7 of last 20 afternoons".</summary>
    public string Evidence => string.Create(CultureInfo.InvariantCulture, $"absent {Absent} of last {OutOf} {Subject}");

    private string Subject => (Day, Session) switch
    {
        (null, SessionOfDay.Am) => "mornings",
        (null, _) => "afternoons",
        ({ } d, null) => $"{d}s",
        ({ } d, SessionOfDay.Am) => $"{d} AMs",
        ({ } d, _) => $"{d} PMs",
    };
}

/// <summary>Sessions a pupil may still miss this year before the year-end absence rate reaches 10% (and 50%).</summary>
/// <remarks>
/// Assumes every remaining session in the calendar (after the as-of date, to 31 July) is a possible session. A
/// <c>null</c> runway means the threshold is already certain to be reached at year end even with full attendance
/// from now. A runway equal to <see cref="SessionsRemaining"/> means the pupil cannot reach it this year.
/// Exact: the smallest year-end absence that is PA is ceil(possible / 10).
/// </remarks>
public sealed record PersistentAbsenceRunway(int SessionsRemaining, int PossibleSoFar, int AbsentSoFar, int? BeforePersistent, int? BeforeSevere);
