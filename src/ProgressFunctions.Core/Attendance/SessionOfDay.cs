namespace ProgressFunctions.Core.Attendance;

/// <summary>A register session: the morning or the afternoon of a school day.</summary>
public enum SessionOfDay
{
    Am = 0,
    Pm = 1,
}

/// <summary>One register mark for one pupil and session, as an import carries it.</summary>
public readonly record struct SessionMark(string PupilId, DateOnly Date, SessionOfDay Session, AttendanceCode Code, int? MinutesLate = null);
