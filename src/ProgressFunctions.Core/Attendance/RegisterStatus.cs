using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Attendance;

/// <summary>How far a school's register has been taken on one day: the latest complete register the daily check stands on.</summary>
/// <remarks>
/// <see cref="LatestMarked"/> is the last school day on or before <see cref="AsOf"/>, in the academic year of
/// <see cref="AsOf"/>, on which any pupil has a mark (null when none has one yet). Before the export carrying today's
/// marks arrives it is the previous school day: measures are taken as of that day, and nothing is said about
/// "today" from an empty register. <see cref="SessionsMarkedOnAsOf"/> counts the sessions marked on the as-of day
/// itself, across the pupils given; it grows when an export carrying today's marks arrives, which is what lets the
/// check run a second time on the same day.
/// </remarks>
public sealed record RegisterStatus(DateOnly AsOf, DateOnly? LatestMarked, int SessionsMarkedOnAsOf)
{
    public bool HasMarksOnAsOf => SessionsMarkedOnAsOf > 0;

    /// <summary>The pupils given with no mark in either session of the as-of day; only telling once <see cref="HasMarksOnAsOf"/>.</summary>
    /// <remarks>Once the day's register is in, every pupil on roll should have a mark: any without one is a register not taken or an export that lost them.</remarks>
    public int PupilsUnmarkedOnAsOf { get; init; }

    /// <summary>The day the measures are taken as of: the latest marked day, or the as-of date when nothing is marked yet.</summary>
    public DateOnly MeasuredOn => LatestMarked ?? AsOf;

    public static RegisterStatus Of(IReadOnlyCollection<PupilRegister> registers, SchoolCalendar calendar, DateOnly asOf)
    {
        int marked = 0, unmarked = 0;
        if (calendar.TryGetDayIndex(asOf, out var today))
        {
            foreach (var register in registers)
            {
                var sessions = (register.MarkAt(today * 2) is null ? 0 : 1) + (register.MarkAt((today * 2) + 1) is null ? 0 : 1);
                marked += sessions;
                unmarked += sessions == 0 ? 1 : 0;
            }
        }

        var yearStart = calendar.DaysBefore(AcademicYear.Containing(asOf).Start);
        for (var day = calendar.DaysUpTo(asOf) - 1; day >= yearStart; day--)
        {
            if (registers.Any(r => r.MarkAt(day * 2) is not null || r.MarkAt((day * 2) + 1) is not null))
            {
                return new RegisterStatus(asOf, calendar.DayAt(day), marked) { PupilsUnmarkedOnAsOf = unmarked };
            }
        }

        return new RegisterStatus(asOf, null, marked) { PupilsUnmarkedOnAsOf = unmarked };
    }
}
