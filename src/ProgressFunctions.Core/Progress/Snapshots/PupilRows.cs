using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>One snapshot's view of its input rows: each pupil's, cut to the snapshot's dates.</summary>
/// <remarks>
/// Each pupil's rows keep the order they were given in. Results are those dated on or before the snapshot date;
/// behaviour and homework those within the term to date (<paramref name="termToDate"/>, inclusive). The grouping by
/// pupil comes from <paramref name="index"/>, which several snapshots of the same rows can share.
/// </remarks>
internal sealed class PupilRows(SnapshotInputs inputs, DateRange termToDate, PupilRowIndex index)
{
    private readonly DateOnly _asOf = inputs.AsOf;

    /// <summary>Every result of the pupil, whatever its date.</summary>
    public IReadOnlyList<AssessmentResult> Results(string pupilId) => index.Results.Of(pupilId);

    /// <summary>The pupil's results dated on or before the snapshot date.</summary>
    public IReadOnlyList<AssessmentResult> ResultsToDate(string pupilId) => Kept(Results(pupilId), r => r.Date <= _asOf);

    /// <summary>The school's own targets for the pupil.</summary>
    public IReadOnlyList<Target> Targets(string pupilId) => index.Targets.Of(pupilId);

    public IReadOnlyList<BehaviourEvent> Behaviour(string pupilId) => Kept(index.Behaviour.Of(pupilId), b => termToDate.Contains(b.Date));

    public IReadOnlyList<HomeworkRecord> Homework(string pupilId) => Kept(index.Homework.Of(pupilId), h => termToDate.Contains(h.Due));

    public IReadOnlyList<Intervention> Interventions(string pupilId) => index.Interventions.Of(pupilId);

    public PupilRegister? Register(string pupilId) => index.Registers.GetValueOrDefault(pupilId);

    /// <summary>The rows that pass, in their order: the same list when all do, else an array of exactly those.</summary>
    private static IReadOnlyList<T> Kept<T>(IReadOnlyList<T> rows, Func<T, bool> keep)
    {
        var kept = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            kept += keep(rows[i]) ? 1 : 0;
        }

        if (kept == rows.Count)
        {
            return rows;
        }

        var result = new T[kept];
        var at = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (keep(rows[i]))
            {
                result[at++] = rows[i];
            }
        }

        return result;
    }
}
