using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

public enum MarkOutcome
{
    Stored,
    /// <summary>The session already had a mark; the better of the two was kept.</summary>
    Duplicate,
    /// <summary>The date is not a school day of the calendar; a closure mark (<c>#</c>) there is simply skipped.</summary>
    NotASchoolDay,
    SkippedClosure,
    /// <summary>The date is after the day the export was made (<see cref="AttendanceSink.MadeOn"/>).</summary>
    AfterTheExport,
}

/// <summary>Places session marks into per-pupil registers, applying the import rules both readers share.</summary>
/// <remarks>
/// Two marks for one session keep the better one by <see cref="AttendanceCategoryExtensions.BestMarkRank"/>
/// (present &gt; approved activity &gt; authorised &gt; unauthorised &gt; not possible); on a tie the later mark wins,
/// as a later row is usually a correction.
/// </remarks>
public sealed class AttendanceSink(AttendanceRegisters registers)
{
    private static readonly AttendanceCode s_closure = AttendanceCode.Closure;

    public AttendanceRegisters Registers { get; } = registers;

    public SchoolCalendar Calendar => Registers.Calendar;

    /// <summary>The day in England the export was made, when it says; no mark dated after it is stored.</summary>
    public DateOnly? MadeOn { get; init; }

    /// <summary>How many marks were dated after <see cref="MadeOn"/>, and the first of them.</summary>
    public (int Count, int Line, DateOnly Date) AfterTheExport { get; private set; }

    internal void NoteAfterTheExport(int line, DateOnly date) =>
        AfterTheExport = AfterTheExport.Count == 0 ? (1, line, date) : AfterTheExport with { Count = AfterTheExport.Count + 1 };

    public MarkOutcome Apply(PupilRegister register, DateOnly date, SessionOfDay session, AttendanceCode code, out AttendanceCode? previous)
    {
        previous = null;
        if (date > MadeOn)
        {
            return MarkOutcome.AfterTheExport;
        }

        if (!Calendar.TryGetDayIndex(date, out var day))
        {
            return code == s_closure ? MarkOutcome.SkippedClosure : MarkOutcome.NotASchoolDay;
        }

        var index = (day * 2) + (int)session;
        previous = register.MarkAt(index);
        if (previous is { } existing && existing.Category.BestMarkRank() < code.Category.BestMarkRank())
        {
            return MarkOutcome.Duplicate;
        }

        register.TrySet(date, session, code);
        if (previous is null)
        {
            Registers.MarkCount++;
            return MarkOutcome.Stored;
        }

        return MarkOutcome.Duplicate;
    }

    internal static int SessionIndex(SchoolCalendar calendar, DateOnly date, SessionOfDay session) =>
        calendar.TryGetDayIndex(date, out var day) ? (day * 2) + (int)session : -1;
}
