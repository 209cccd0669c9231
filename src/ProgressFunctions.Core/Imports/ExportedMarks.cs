using System.Collections;
using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Imports;

/// <summary>A pupil's exported marks, each stamped with the export's time, read from the export's register where it stands.</summary>
/// <remarks>
/// A pupil the school has no marks for yet takes every exported mark as it is (<see cref="ExportMerge"/>). On a
/// school's first import that is every pupil, about 240 marks each: copied into a table per pupil they were an eighth
/// of all an import allocated, and lived until the commit, so the collector copied them again. Enumerates in session
/// order. The marks are read when asked for, not when this is made: the export's registers must not change while it
/// is in use. An import changes them only before merging (<see cref="PupilIdentity.Check"/> drops refused pupils).
/// </remarks>
internal sealed class ExportedMarks : IReadOnlyDictionary<(DateOnly Date, SessionOfDay Session), StampedMark>
{
    private readonly AttendanceRegisters _export;
    private readonly string _pupilId;
    private readonly PupilRegister _register;
    private readonly DateTimeOffset _exportedAt;
    private readonly IReadOnlyDictionary<int, int>? _minutes;

    public ExportedMarks(AttendanceRegisters export, string pupilId, DateTimeOffset exportedAt)
    {
        _export = export;
        _pupilId = pupilId;
        _register = export.ByPupil[pupilId];
        _exportedAt = exportedAt;
        _minutes = export.MinutesLateOf(pupilId);
        Count = export.MarkCountOf(pupilId);
    }

    public int Count { get; }

    /// <summary>The export's time, every mark's stamp.</summary>
    internal DateTimeOffset ExportedAt => _exportedAt;

    /// <summary>The pupil's register in the export.</summary>
    internal PupilRegister Register => _register;

    /// <summary>The minutes late the export gives for one session, if any.</summary>
    internal int? MinutesLateAt(int session) => AttendanceRegisters.At(_minutes, session);

    public StampedMark this[(DateOnly Date, SessionOfDay Session) key] =>
        TryGetValue(key, out var mark) ? mark : throw new KeyNotFoundException($"no mark exported for {_pupilId} on {key.Date:yyyy-MM-dd} {key.Session}");

    public IEnumerable<(DateOnly Date, SessionOfDay Session)> Keys => this.Select(m => m.Key);

    public IEnumerable<StampedMark> Values => this.Select(m => m.Value);

    public bool ContainsKey((DateOnly Date, SessionOfDay Session) key) => TryGetValue(key, out _);

    public bool TryGetValue((DateOnly Date, SessionOfDay Session) key, out StampedMark value)
    {
        value = default;
        if (!_export.Calendar.TryGetDayIndex(key.Date, out var day) || key.Session is not (SessionOfDay.Am or SessionOfDay.Pm))
        {
            return false;
        }

        var session = (day * 2) + (int)key.Session;
        if (_register.MarkAt(session) is not { } code)
        {
            return false;
        }

        value = new StampedMark(code, _exportedAt, AttendanceRegisters.At(_minutes, session));
        return true;
    }

    public IEnumerator<KeyValuePair<(DateOnly Date, SessionOfDay Session), StampedMark>> GetEnumerator()
    {
        var calendar = _export.Calendar;
        for (var s = 0; s < calendar.SessionCount; s++)
        {
            if (_register.MarkAt(s) is { } code)
            {
                yield return KeyValuePair.Create((calendar.DayAt(s / 2), (SessionOfDay)(s % 2)), new StampedMark(code, _exportedAt, AttendanceRegisters.At(_minutes, s)));
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
