using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>A snapshot's inputs from a loaded school: its pupils, their registers and their progress documents' rows.</summary>
internal static class SchoolSnapshotInputs
{
    /// <summary>The inputs of the school's snapshot <paramref name="key"/>, with data to <paramref name="dataTo"/>.</summary>
    /// <remarks>
    /// <paramref name="only"/> limits the inputs to those pupils' own rows; by default they hold every pupil on roll on
    /// any day from <paramref name="onRollFrom"/> to <paramref name="onRollTo"/> (both <paramref name="dataTo"/> unless
    /// given), and the builder keeps those on roll on the snapshot date. A pupil's figures are built from their own rows
    /// alone, so they come out the same either way.
    /// </remarks>
    public static SnapshotInputs For(
        SchoolState state, SchoolCalendar calendar, IReadOnlyDictionary<string, Attendance.PupilRegister> registers, SnapshotKey key, DateOnly dataTo, TermSnapshot? previous,
        IReadOnlyList<Pupil>? only = null, DateOnly? onRollFrom = null, DateOnly? onRollTo = null)
    {
        if (only is null)
        {
            state.RequireEveryProgress();
        }

        var pupils = only ?? state.OnRoll(onRollFrom ?? dataTo, onRollTo ?? dataTo);
        var progress = pupils.Select(p => state.Progress.GetValueOrDefault(p.Id)).OfType<PupilProgress>().ToList();
        return new SnapshotInputs
        {
            Key = key,
            AsOf = dataTo,
            Calendar = calendar,
            Pupils = pupils,
            Registers = [.. pupils.Select(p => registers[p.Id])],
            Targets = Joined(progress, p => p.Targets),
            Results = Joined(progress, p => p.Results),
            Behaviour = Joined(progress, p => p.Behaviour),
            Homework = Joined(progress, p => p.Homework),
            Interventions = Joined(progress, p => p.Interventions ?? []),
            Scales = state.Profile?.Scales ?? GradeScaleSet.Standard,
            Previous = previous,
            DefaultTargets = Progress.DefaultTargets.TransitionMatrices.Dfe2024,
            NeedsAttention = (state.Profile?.Settings ?? SchoolSettings.Default).NeedsAttention,
        };
    }

    /// <summary>Every pupil's rows of one kind, pupil after pupil, in one array of the exact size.</summary>
    /// <remarks>A school's results run to hundreds of thousands: a list grown by doubling copied them over and over.</remarks>
    private static T[] Joined<T>(List<PupilProgress> progress, Func<PupilProgress, IReadOnlyList<T>> rowsOf)
    {
        var count = 0;
        foreach (var pupil in progress)
        {
            count += rowsOf(pupil).Count;
        }

        var joined = new T[count];
        var at = 0;
        foreach (var pupil in progress)
        {
            var rows = rowsOf(pupil);
            for (var i = 0; i < rows.Count; i++)
            {
                joined[at++] = rows[i];
            }
        }

        return joined;
    }
}
