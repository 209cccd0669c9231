using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>One step for one school.</summary>
/// <remarks>
/// <see cref="NeedsSomeone"/>: the step could not do its work, or did it only in part, for a reason a person must put
/// right (an export refused or stored with errors, a check that could not run or could not address a staff message).
/// <see cref="NotDone"/>: the step did not run at all because an import was writing the school (or one stopped part
/// way); it needs someone too, as nothing else runs it that day: running run-due again once the import has finished does it.
/// </remarks>
public sealed record RunDueStep(string SchoolId, string Step, string Outcome, bool NeedsSomeone = false, bool NotDone = false);

public sealed record RunDueResult(IReadOnlyList<RunDueStep> Steps, DispatchDrainResult Dispatch);

/// <summary>Everything due now for every school: new exports, today's attendance check, due snapshots, then the report queue.</summary>
/// <remarks>
/// Each part is idempotent (import receipts, one check run per school day and register, snapshots created only if
/// absent, the send ledger), so running it twice in a row does nothing the second time. Given a date, the day is
/// taken as a whole: every school's check runs (again only if today's marks have grown since its last run). Given an
/// instant, a school's first check waits until its registers close (<see cref="SchoolJobs.PlanAsync(DateTimeOffset, CancellationToken)"/>),
/// and an export stored after it re-runs the check (<see cref="SchoolJobs.AfterIngestAsync"/>). Schools are worked on
/// side by side, one per processor, as the Function App runs one message per school; one school's exports and jobs
/// always run in order. Steps are listed in school order whatever order the schools finished in.
/// </remarks>
public sealed class RunDue(IBlobStore blobs, ExportIntake intake, SchoolJobs schoolJobs, DispatchJob dispatch)
{
    public async Task<RunDueResult> RunAsync(DateOnly asOf, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var (steps, _) = await IngestAsync(cancellationToken);
        await RunJobsAsync(await schoolJobs.PlanAsync(asOf, cancellationToken), steps, cancellationToken);
        return new RunDueResult(steps, await dispatch.DrainAsync(max: null, retryAfter, cancellationToken));
    }

    public async Task<RunDueResult> RunAsync(DateTimeOffset now, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var (steps, stored) = await IngestAsync(cancellationToken);
        foreach (var school in stored)
        {
            try
            {
                if (await schoolJobs.AfterIngestAsync(school, now, cancellationToken) is { } recheck)
                {
                    steps.Add(new RunDueStep(school, nameof(SchoolJobKind.CheckAttendance), recheck.Message, recheck.NeedsSomeone));
                }
            }
            catch (SchoolBusyException busy)
            {
                steps.Add(new RunDueStep(school, nameof(SchoolJobKind.CheckAttendance), busy.Message, NeedsSomeone: true, NotDone: true));
            }
        }

        await RunJobsAsync(await schoolJobs.PlanAsync(now, cancellationToken), steps, cancellationToken);
        return new RunDueResult(steps, await dispatch.DrainAsync(max: null, retryAfter, cancellationToken));
    }

    /// <summary>Ingests every export waiting; returns the steps and the schools that had an export stored.</summary>
    private async Task<(List<RunDueStep> Steps, SortedSet<string> Stored)> IngestAsync(CancellationToken cancellationToken)
    {
        var exports = new List<BlobPath>();
        await foreach (var blob in blobs.ListAsync(JobResources.ExportsContainer + "/", cancellationToken))
        {
            exports.Add(blob.Path);
        }

        var steps = await BySchoolAsync(exports, ExportIntake.SchoolOf, async path =>
        {
            IngestResult result;
            try
            {
                result = await intake.RunAsync(path, cancellationToken);
            }
            catch (SchoolBusyException busy)
            {
                // Another import holds the school past the wait: this export stays where it is for the next run.
                return (Step: new RunDueStep(ExportIntake.SchoolOf(path), "ingest", busy.Message, NeedsSomeone: true, NotDone: true), Outcome: IngestOutcome.Unreadable);
            }

            var needsSomeone = result.Outcome == IngestOutcome.Unreadable || result.Errors > 0;
            return (Step: new RunDueStep(ExportIntake.SchoolOf(path), "ingest", result.Message, needsSomeone), result.Outcome);
        }, cancellationToken);
        var stored = new SortedSet<string>(steps.Where(s => s.Outcome == IngestOutcome.Stored).Select(s => s.Step.SchoolId), StringComparer.Ordinal);
        return (Summarised(steps), stored);
    }

    /// <summary>The steps in order, with a school's stored exports met again (they stay in the folder) on one line where
    /// the first was: not one line per file, a list that grew by one every school day.</summary>
    private static List<RunDueStep> Summarised(IReadOnlyList<(RunDueStep Step, IngestOutcome Outcome)> steps)
    {
        var again = steps.Where(s => s.Outcome == IngestOutcome.AlreadyImported).GroupBy(s => s.Step.SchoolId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        return [.. steps
            .Where(s => s.Outcome != IngestOutcome.AlreadyImported || listed.Add(s.Step.SchoolId))
            .Select(s => s.Outcome == IngestOutcome.AlreadyImported && again[s.Step.SchoolId] > 1
                ? s.Step with { Outcome = $"{again[s.Step.SchoolId]} exports already imported; nothing to do" }
                : s.Step)];
    }

    private async Task RunJobsAsync(IReadOnlyList<SchoolJobMessage> messages, List<RunDueStep> steps, CancellationToken cancellationToken) =>
        steps.AddRange(await BySchoolAsync(messages, m => m.SchoolId, async message =>
        {
            try
            {
                var outcome = await schoolJobs.RunAsync(message, cancellationToken);
                return new RunDueStep(message.SchoolId, message.Job.ToString(), outcome.Message, outcome.NeedsSomeone);
            }
            catch (SchoolBusyException busy)
            {
                // Another school's work goes on. This step is not done: with run-due once a day, passing it over in
                // silence meant that day's call list and digests never went out.
                return new RunDueStep(message.SchoolId, message.Job.ToString(), busy.Message, NeedsSomeone: true, NotDone: true);
            }
        }, cancellationToken));

    /// <summary>Runs <paramref name="run"/> on each item: one school's items in order, schools side by side; results in the items' order.</summary>
    private static async Task<IReadOnlyList<TResult>> BySchoolAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, string> school, Func<TItem, Task<TResult>> run, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        var bySchool = items.Select((item, index) => (item, index)).GroupBy(x => school(x.item), StringComparer.Ordinal);
        await Parallel.ForEachAsync(bySchool, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (group, _) =>
        {
            foreach (var (item, index) in group)
            {
                results[index] = await run(item);
            }
        });
        return results;
    }
}
