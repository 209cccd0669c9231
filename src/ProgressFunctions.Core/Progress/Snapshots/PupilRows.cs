using System.Runtime.InteropServices;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>A snapshot's input rows grouped by pupil once, so each pupil's figures read that pupil's rows only.</summary>
/// <remarks>
/// Each pupil's rows keep the order they were given in. Results are held both whole and to the snapshot date
/// (inclusive); behaviour and homework only within the term to date (<paramref name="termToDate"/>, inclusive).
/// </remarks>
internal sealed class PupilRows(SnapshotInputs inputs, DateRange termToDate)
{
    private readonly Dictionary<string, List<AssessmentResult>> _results = ByPupil(inputs.Results, r => r.PupilId, _ => true);
    private readonly Dictionary<string, List<AssessmentResult>> _resultsToDate = ByPupil(inputs.Results, r => r.PupilId, r => r.Date <= inputs.AsOf);
    private readonly Dictionary<string, List<Target>> _targets = ByPupil(inputs.Targets, t => t.PupilId, _ => true);
    private readonly Dictionary<string, List<BehaviourEvent>> _behaviour = ByPupil(inputs.Behaviour, b => b.PupilId, b => termToDate.Contains(b.Date));
    private readonly Dictionary<string, List<HomeworkRecord>> _homework = ByPupil(inputs.Homework, h => h.PupilId, h => termToDate.Contains(h.Due));
    private readonly Dictionary<string, List<Intervention>> _interventions = ByPupil(inputs.Interventions, i => i.PupilId, _ => true);
    private readonly Dictionary<string, PupilRegister> _registers = inputs.Registers.ToDictionary(r => r.PupilId, StringComparer.Ordinal);

    /// <summary>Every result of the pupil, whatever its date.</summary>
    public IReadOnlyList<AssessmentResult> Results(string pupilId) => Of(_results, pupilId);

    /// <summary>The pupil's results dated on or before the snapshot date.</summary>
    public IReadOnlyList<AssessmentResult> ResultsToDate(string pupilId) => Of(_resultsToDate, pupilId);

    /// <summary>The school's own targets for the pupil.</summary>
    public IReadOnlyList<Target> Targets(string pupilId) => Of(_targets, pupilId);

    public IReadOnlyList<BehaviourEvent> Behaviour(string pupilId) => Of(_behaviour, pupilId);

    public IReadOnlyList<HomeworkRecord> Homework(string pupilId) => Of(_homework, pupilId);

    public IReadOnlyList<Intervention> Interventions(string pupilId) => Of(_interventions, pupilId);

    public PupilRegister? Register(string pupilId) => _registers.GetValueOrDefault(pupilId);

    private static IReadOnlyList<T> Of<T>(Dictionary<string, List<T>> byPupil, string pupilId) =>
        byPupil.TryGetValue(pupilId, out var rows) ? rows : [];

    private static Dictionary<string, List<T>> ByPupil<T>(IEnumerable<T> rows, Func<T, string> pupilOf, Func<T, bool> include)
    {
        var byPupil = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (include(row))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byPupil, pupilOf(row), out _);
                (list ??= []).Add(row);
            }
        }

        return byPupil;
    }
}
