using System.Buffers;
using System.Runtime.InteropServices;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>A snapshot's input rows grouped by pupil once, so each pupil's figures read that pupil's rows only.</summary>
/// <remarks>
/// Each pupil's rows keep the order they were given in. Behaviour and homework are held only within the term to date
/// (<paramref name="termToDate"/>, inclusive).
/// </remarks>
internal sealed class PupilRows(SnapshotInputs inputs, DateRange termToDate)
{
    private readonly DateOnly _asOf = inputs.AsOf;
    private readonly Grouped<AssessmentResult> _results = ByPupil(inputs.Results, inputs.Pupils.Count, r => r.PupilId, _ => true);
    private readonly Grouped<Target> _targets = ByPupil(inputs.Targets, inputs.Pupils.Count, t => t.PupilId, _ => true);
    private readonly Grouped<BehaviourEvent> _behaviour = ByPupil(inputs.Behaviour, inputs.Pupils.Count, b => b.PupilId, b => termToDate.Contains(b.Date));
    private readonly Grouped<HomeworkRecord> _homework = ByPupil(inputs.Homework, inputs.Pupils.Count, h => h.PupilId, h => termToDate.Contains(h.Due));
    private readonly Grouped<Intervention> _interventions = ByPupil(inputs.Interventions, inputs.Pupils.Count, i => i.PupilId, _ => true);
    private readonly Dictionary<string, PupilRegister> _registers = inputs.Registers.ToDictionary(r => r.PupilId, StringComparer.Ordinal);

    /// <summary>Every result of the pupil, whatever its date.</summary>
    public IReadOnlyList<AssessmentResult> Results(string pupilId) => _results.Of(pupilId);

    /// <summary>The pupil's results dated on or before the snapshot date.</summary>
    public IReadOnlyList<AssessmentResult> ResultsToDate(string pupilId)
    {
        var all = Results(pupilId);
        foreach (var result in all)
        {
            if (result.Date > _asOf)
            {
                return [.. all.Where(r => r.Date <= _asOf)];
            }
        }

        return all;
    }

    /// <summary>The school's own targets for the pupil.</summary>
    public IReadOnlyList<Target> Targets(string pupilId) => _targets.Of(pupilId);

    public IReadOnlyList<BehaviourEvent> Behaviour(string pupilId) => _behaviour.Of(pupilId);

    public IReadOnlyList<HomeworkRecord> Homework(string pupilId) => _homework.Of(pupilId);

    public IReadOnlyList<Intervention> Interventions(string pupilId) => _interventions.Of(pupilId);

    public PupilRegister? Register(string pupilId) => _registers.GetValueOrDefault(pupilId);

    // Rows lie scattered in memory, so the cost is in reading each one: each is read once, its pupil's place noted, and
    // then placed by that note. Exports come pupil by pupil, so a pupil is looked up once per run of their rows.
    private static Grouped<T> ByPupil<T>(IReadOnlyList<T> rows, int pupils, Func<T, string> pupilOf, Func<T, bool> include)
    {
        var placeOf = ArrayPool<int>.Shared.Rent(rows.Count);
        var indexOf = new Dictionary<string, int>(Math.Min(pupils, rows.Count), StringComparer.Ordinal);
        var counts = new List<int>();
        string? current = null;
        var place = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!include(row))
            {
                placeOf[i] = -1;
                continue;
            }

            var pupil = pupilOf(row);
            if (!string.Equals(pupil, current, StringComparison.Ordinal))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(indexOf, pupil, out var seen);
                if (!seen)
                {
                    slot = counts.Count;
                    counts.Add(0);
                }

                (current, place) = (pupil, slot);
            }

            CollectionsMarshal.AsSpan(counts)[place]++;
            placeOf[i] = place;
        }

        var byPlace = new T[counts.Count][];
        for (var p = 0; p < byPlace.Length; p++)
        {
            byPlace[p] = new T[counts[p]];
            counts[p] = 0;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (placeOf[i] is var p and >= 0)
            {
                byPlace[p][counts[p]++] = rows[i];
            }
        }

        ArrayPool<int>.Shared.Return(placeOf);
        return new(indexOf, byPlace);
    }

    /// <summary>Rows by pupil: where each pupil's rows are, and the rows.</summary>
    private sealed class Grouped<T>(Dictionary<string, int> placeOf, T[][] rows)
    {
        public IReadOnlyList<T> Of(string pupilId) => placeOf.TryGetValue(pupilId, out var place) ? rows[place] : [];
    }
}
