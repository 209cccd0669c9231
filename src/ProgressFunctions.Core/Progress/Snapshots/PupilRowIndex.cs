using System.Buffers;
using System.Runtime.InteropServices;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>A snapshot's input rows grouped by pupil once, whatever their dates, so each pupil's figures read that pupil's rows only.</summary>
/// <remarks>
/// Each pupil's rows keep the order they were given in. The grouping depends only on the row lists, so the snapshots a
/// school catches up on, built from the same lists, share one (<see cref="For"/> says whether it fits).
/// </remarks>
internal sealed class PupilRowIndex
{
    private readonly SnapshotInputs _source;

    private PupilRowIndex(SnapshotInputs inputs)
    {
        _source = inputs;
        var pupils = inputs.Pupils.Count;
        Results = ByPupil(inputs.Results, pupils, r => r.PupilId);
        Targets = ByPupil(inputs.Targets, pupils, t => t.PupilId);
        Behaviour = ByPupil(inputs.Behaviour, pupils, b => b.PupilId);
        Homework = ByPupil(inputs.Homework, pupils, h => h.PupilId);
        Interventions = ByPupil(inputs.Interventions, pupils, i => i.PupilId);
        Registers = inputs.Registers.ToDictionary(r => r.PupilId, StringComparer.Ordinal);
    }

    public Grouped<AssessmentResult> Results { get; }

    public Grouped<Target> Targets { get; }

    public Grouped<BehaviourEvent> Behaviour { get; }

    public Grouped<HomeworkRecord> Homework { get; }

    public Grouped<Intervention> Interventions { get; }

    public Dictionary<string, PupilRegister> Registers { get; }

    public static PupilRowIndex Of(SnapshotInputs inputs) => new(inputs);

    /// <summary>Whether this index groups exactly <paramref name="inputs"/>' rows: the same list instances, not merely equal ones.</summary>
    public bool For(SnapshotInputs inputs) =>
        ReferenceEquals(_source.Results, inputs.Results) && ReferenceEquals(_source.Targets, inputs.Targets)
        && ReferenceEquals(_source.Behaviour, inputs.Behaviour) && ReferenceEquals(_source.Homework, inputs.Homework)
        && ReferenceEquals(_source.Interventions, inputs.Interventions) && ReferenceEquals(_source.Registers, inputs.Registers);

    // Rows lie scattered in memory, so the cost is in reading each one: each is read once, its pupil's place noted, and
    // then placed by that note. Exports come pupil by pupil, so a pupil is looked up once per run of their rows.
    private static Grouped<T> ByPupil<T>(IReadOnlyList<T> rows, int pupils, Func<T, string> pupilOf)
    {
        var placeOf = ArrayPool<int>.Shared.Rent(rows.Count);
        var indexOf = new Dictionary<string, int>(Math.Min(pupils, rows.Count), StringComparer.Ordinal);
        var counts = new List<int>();
        string? current = null;
        var place = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var pupil = pupilOf(rows[i]);
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
            var p = placeOf[i];
            byPlace[p][counts[p]++] = rows[i];
        }

        ArrayPool<int>.Shared.Return(placeOf);
        return new(indexOf, byPlace);
    }

    /// <summary>Rows by pupil: where each pupil's rows are, and the rows.</summary>
    internal sealed class Grouped<T>(Dictionary<string, int> placeOf, T[][] rows)
    {
        public IReadOnlyList<T> Of(string pupilId) => placeOf.TryGetValue(pupilId, out var place) ? rows[place] : [];
    }
}
