using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>The session marks of an import, one <see cref="PupilRegister"/> (one byte per session) per pupil.</summary>
/// <remarks>
/// Holding marks in registers rather than as objects keeps a 50,000-pupil trust's year (19 million marks) in about
/// 20 MB. Minutes late are kept only for the sessions that have them.
/// </remarks>
public sealed class AttendanceRegisters
{
    private readonly Dictionary<string, PupilRegister> _byPupil = new(StringComparer.Ordinal);
    // Per pupil, then per session: a pupil's marks look their minutes up in that pupil's own small table, not by
    // hashing the pupil's id again for each of 240 sessions (3% of a trust's import).
    private readonly Dictionary<string, Dictionary<int, int>> _minutesLate = new(StringComparer.Ordinal);
    private readonly Dictionary<(string PupilId, int Session), string> _lateReasons = [];

    public AttendanceRegisters(SchoolCalendar calendar) => Calendar = calendar;

    public SchoolCalendar Calendar { get; }

    public IReadOnlyDictionary<string, PupilRegister> ByPupil => _byPupil;

    /// <summary>The reasons the export gave for late sessions, only for the late marks that have one.</summary>
    public IReadOnlyDictionary<(string PupilId, int Session), string> LateReasons => _lateReasons;

    /// <summary>Whether the attendance file had a late-reason column: only then does it say anything about reasons.</summary>
    public bool HasLateReasonColumn { get; internal set; }

    /// <summary>
    /// Whether the export can say minutes late: an attendance.csv with a minutes-late column. A CTF's mark string, or a
    /// file without the column, cannot; a stored late mark it repeats keeps its minutes (<see cref="ExportMerge"/>).
    /// </summary>
    public bool HasMinutesLateColumn { get; internal set; }

    public long MarkCount { get; internal set; }

    public static AttendanceRegisters Empty(SchoolCalendar calendar) => new(calendar);

    /// <summary>Every mark, pupil by pupil in id order, then in session order, with minutes late where known.</summary>
    public IEnumerable<SessionMark> Marks() => _byPupil.Keys.Order(StringComparer.Ordinal).SelectMany(MarksOf);

    /// <summary>One pupil's marks in session order, with minutes late where known (none for a pupil the export has no marks for).</summary>
    public IEnumerable<SessionMark> MarksOf(string pupilId)
    {
        if (!_byPupil.TryGetValue(pupilId, out var register))
        {
            yield break;
        }

        var minutes = MinutesLateOf(pupilId);
        for (var s = 0; s < Calendar.SessionCount; s++)
        {
            if (register.MarkAt(s) is { } code)
            {
                yield return new SessionMark(pupilId, Calendar.DayAt(s / 2), (SessionOfDay)(s % 2), code, At(minutes, s));
            }
        }
    }

    /// <summary>The minutes late the export gave for the pupil's sessions, by session index; null when it gave none.</summary>
    internal IReadOnlyDictionary<int, int>? MinutesLateOf(string pupilId) => _minutesLate.GetValueOrDefault(pupilId);

    /// <summary>One session's minutes late from a pupil's table (<see cref="MinutesLateOf"/>), if any.</summary>
    internal static int? At(IReadOnlyDictionary<int, int>? minutes, int session) =>
        minutes is not null && minutes.TryGetValue(session, out var m) ? m : null;

    /// <summary>The last day the export marks for any pupil, or null when it marks none.</summary>
    public DateOnly? LastMarkedDay()
    {
        var last = -1;
        foreach (var register in _byPupil.Values)
        {
            for (var s = Calendar.SessionCount - 1; s > last; s--)
            {
                if (register.MarkAt(s) is not null)
                {
                    last = s;
                    break;
                }
            }
        }

        return last < 0 ? null : Calendar.DayAt(last / 2);
    }

    /// <summary>How many sessions the export marked for the pupil.</summary>
    public int MarkCountOf(string pupilId)
    {
        if (!_byPupil.TryGetValue(pupilId, out var register))
        {
            return 0;
        }

        var count = 0;
        for (var s = 0; s < Calendar.SessionCount; s++)
        {
            count += register.MarkAt(s) is null ? 0 : 1;
        }

        return count;
    }

    internal PupilRegister RegisterFor(string pupilId)
    {
        if (!_byPupil.TryGetValue(pupilId, out var register))
        {
            register = new PupilRegister(pupilId, Calendar);
            _byPupil[pupilId] = register;
        }

        return register;
    }

    /// <summary>Drops a pupil's marks (a pupil the import refused after reading).</summary>
    internal void Remove(string pupilId)
    {
        if (_byPupil.Remove(pupilId, out var register))
        {
            MarkCount -= Enumerable.Range(0, Calendar.SessionCount).Count(s => register.MarkAt(s) is not null);
            _minutesLate.Remove(pupilId);
            foreach (var key in _lateReasons.Keys.Where(k => k.PupilId == pupilId).ToList())
            {
                _lateReasons.Remove(key);
            }
        }
    }

    internal void SetMinutesLate(string pupilId, int session, int minutes)
    {
        HasMinutesLateColumn = true;
        if (!_minutesLate.TryGetValue(pupilId, out var byPupil))
        {
            byPupil = [];
            _minutesLate[pupilId] = byPupil;
        }

        byPupil[session] = minutes;
    }

    internal void SetLateReason(string pupilId, int session, string reason) => _lateReasons[(pupilId, session)] = reason;
}
