using System.Runtime.InteropServices;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>A snapshot's input rows grouped by pupil once, so each pupil's figures read that pupil's rows only.</summary>
/// <remarks>
/// Each pupil's rows keep the order they were given in. Behaviour and homework are held only within the term to date
/// (<paramref name="termToDate"/>, inclusive). Rows are counted first and then copied into arrays of the right size,
/// because growing a list per pupil was most of the grouping's cost.
/// </remarks>
internal sealed class PupilRows(SnapshotInputs inputs, DateRange termToDate)
{
    private readonly DateOnly _asOf = inputs.AsOf;
    private readonly Dictionary<string, AssessmentResult[]> _results = ByPupil(inputs.Results, inputs.Pupils.Count, r => r.PupilId, _ => true);
    private readonly Dictionary<string, Target[]> _targets = ByPupil(inputs.Targets, inputs.Pupils.Count, t => t.PupilId, _ => true);
    private readonly Dictionary<string, BehaviourEvent[]> _behaviour = ByPupil(inputs.Behaviour, inputs.Pupils.Count, b => b.PupilId, b => termToDate.Contains(b.Date));
    private readonly Dictionary<string, HomeworkRecord[]> _homework = ByPupil(inputs.Homework, inputs.Pupils.Count, h => h.PupilId, h => termToDate.Contains(h.Due));
    private readonly Dictionary<string, Intervention[]> _interventions = ByPupil(inputs.Interventions, inputs.Pupils.Count, i => i.PupilId, _ => true);
    private readonly Dictionary<string, PupilRegister> _registers = inputs.Registers.ToDictionary(r => r.PupilId, StringComparer.Ordinal);

    /// <summary>Every result of the pupil, whatever its date.</summary>
    public IReadOnlyList<AssessmentResult> Results(string pupilId) => Of(_results, pupilId);

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
    public IReadOnlyList<Target> Targets(string pupilId) => Of(_targets, pupilId);

    public IReadOnlyList<BehaviourEvent> Behaviour(string pupilId) => Of(_behaviour, pupilId);

    public IReadOnlyList<HomeworkRecord> Homework(string pupilId) => Of(_homework, pupilId);

    public IReadOnlyList<Intervention> Interventions(string pupilId) => Of(_interventions, pupilId);

    public PupilRegister? Register(string pupilId) => _registers.GetValueOrDefault(pupilId);

    private static IReadOnlyList<T> Of<T>(Dictionary<string, T[]> byPupil, string pupilId) =>
        byPupil.TryGetValue(pupilId, out var rows) ? rows : [];

    private static Dictionary<string, T[]> ByPupil<T>(IReadOnlyList<T> rows, int pupils, Func<T, string> pupilOf, Func<T, bool> include)
    {
        var counts = new Dictionary<string, int>(Math.Min(pupils, rows.Count), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (include(row))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, pupilOf(row), out _)++;
            }
        }

        var byPupil = new Dictionary<string, T[]>(counts.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (include(row))
            {
                var pupil = pupilOf(row);
                ref var left = ref CollectionsMarshal.GetValueRefOrNullRef(counts, pupil);
                ref var rowsOf = ref CollectionsMarshal.GetValueRefOrAddDefault(byPupil, pupil, out _);
                rowsOf ??= new T[left];
                // The rows still to place count down, so the next free slot is that many from the end.
                rowsOf[rowsOf.Length - left] = row;
                left--;
            }
        }

        return byPupil;
    }
}
