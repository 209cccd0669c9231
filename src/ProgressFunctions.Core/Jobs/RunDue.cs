using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

public sealed record RunDueStep(string SchoolId, string Step, string Outcome);

public sealed record RunDueResult(IReadOnlyList<RunDueStep> Steps, DispatchDrainResult Dispatch);

/// <summary>Everything due now for every school: new exports, today's attendance check, due snapshots, then the report queue.</summary>
/// <remarks>
/// Each part is idempotent (import receipts, one check run per school day and register, snapshots created only if
/// absent, the send ledger), so running it twice in a row does nothing the second time. Given a date, the day is
/// taken as a whole: every school's check runs (again only if today's marks have grown since its last run). Given an
/// instant, a school's first check waits until its registers close (<see cref="SchoolJobs.PlanAsync(DateTimeOffset, CancellationToken)"/>),
/// and an export stored after it re-runs the check (<see cref="SchoolJobs.AfterIngestAsync"/>).
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
            if (await schoolJobs.AfterIngestAsync(school, now, cancellationToken) is { } recheck)
            {
                steps.Add(new RunDueStep(school, nameof(SchoolJobKind.CheckAttendance), recheck));
            }
        }

        await RunJobsAsync(await schoolJobs.PlanAsync(now, cancellationToken), steps, cancellationToken);
        return new RunDueResult(steps, await dispatch.DrainAsync(max: null, retryAfter, cancellationToken));
    }

    /// <summary>Ingests every export waiting; returns the steps and the schools that had an export stored.</summary>
    private async Task<(List<RunDueStep> Steps, SortedSet<string> Stored)> IngestAsync(CancellationToken cancellationToken)
    {
        var steps = new List<RunDueStep>();
        var exports = new List<BlobPath>();
        var stored = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var blob in blobs.ListAsync(JobResources.ExportsContainer + "/", cancellationToken))
        {
            exports.Add(blob.Path);
        }

        foreach (var path in exports)
        {
            var result = await intake.RunAsync(path, cancellationToken);
            var school = path.Name.Split('/', 2)[0];
            steps.Add(new RunDueStep(school, "ingest", result.Message));
            if (result.Outcome == IngestOutcome.Stored)
            {
                stored.Add(school);
            }
        }

        return (steps, stored);
    }

    private async Task RunJobsAsync(IReadOnlyList<SchoolJobMessage> messages, List<RunDueStep> steps, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            try
            {
                steps.Add(new RunDueStep(message.SchoolId, message.Job.ToString(), await schoolJobs.RunAsync(message, cancellationToken)));
            }
            catch (SchoolBusyException busy)
            {
                // Another school's work goes on; this one is done by the next run.
                steps.Add(new RunDueStep(message.SchoolId, message.Job.ToString(), busy.Message));
            }
        }
    }
}
