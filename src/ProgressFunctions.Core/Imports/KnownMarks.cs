using System.Collections;
using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Imports;

/// <summary>Every mark known for a school, pupil by pupil, then by date and session.</summary>
/// <remarks>
/// Keyed by pupil first because marks arrive pupil by pupil (an export's registers, a pupil's stored years): a merge
/// hashes a pupil's id once per pupil instead of once per mark, and a pupil whose marks an export leaves as they were
/// keeps the very same table. Seen whole it is a read-only dictionary keyed by (pupil, date, session).
/// </remarks>
public sealed class KnownMarks : IReadOnlyDictionary<(string PupilId, DateOnly Date, SessionOfDay Session), StampedMark>
{
    public KnownMarks(IReadOnlyDictionary<string, IReadOnlyDictionary<(DateOnly Date, SessionOfDay Session), StampedMark>> byPupil)
    {
        ByPupil = byPupil;
        Count = byPupil.Values.Sum(m => m.Count);
    }

    public static KnownMarks Empty { get; } = new(new Dictionary<string, IReadOnlyDictionary<(DateOnly, SessionOfDay), StampedMark>>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, IReadOnlyDictionary<(DateOnly Date, SessionOfDay Session), StampedMark>> ByPupil { get; }

    public int Count { get; }

    public IEnumerable<(string PupilId, DateOnly Date, SessionOfDay Session)> Keys => this.Select(m => m.Key);

    public IEnumerable<StampedMark> Values => this.Select(m => m.Value);

    public StampedMark this[(string PupilId, DateOnly Date, SessionOfDay Session) key] =>
        TryGetValue(key, out var mark) ? mark : throw new KeyNotFoundException($"no mark known for {key.PupilId} on {key.Date:yyyy-MM-dd} {key.Session}");

    /// <summary>Marks given as (pupil, date, session) pairs, grouped by pupil.</summary>
    /// <exception cref="ArgumentException">Two marks for one session.</exception>
    public static KnownMarks From(IEnumerable<KeyValuePair<(string PupilId, DateOnly Date, SessionOfDay Session), StampedMark>> marks) =>
        new(marks.GroupBy(m => m.Key.PupilId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<(DateOnly, SessionOfDay), StampedMark>)g.ToDictionary(m => (m.Key.Date, m.Key.Session), m => m.Value),
            StringComparer.Ordinal));

    /// <summary>The pupil's marks, or null when none are known.</summary>
    public IReadOnlyDictionary<(DateOnly Date, SessionOfDay Session), StampedMark>? Of(string pupilId) => ByPupil.GetValueOrDefault(pupilId);

    public bool ContainsKey((string PupilId, DateOnly Date, SessionOfDay Session) key) => TryGetValue(key, out _);

    public bool TryGetValue((string PupilId, DateOnly Date, SessionOfDay Session) key, out StampedMark value)
    {
        value = default;
        return ByPupil.TryGetValue(key.PupilId, out var marks) && marks.TryGetValue((key.Date, key.Session), out value);
    }

    public IEnumerator<KeyValuePair<(string PupilId, DateOnly Date, SessionOfDay Session), StampedMark>> GetEnumerator()
    {
        foreach (var (pupilId, marks) in ByPupil)
        {
            foreach (var ((date, session), mark) in marks)
            {
                yield return KeyValuePair.Create((pupilId, date, session), mark);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
