using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

public sealed record RunDueStep(string SchoolId, string Step, string Outcome);

public sealed record RunDueResult(IReadOnlyList<RunDueStep> Steps, DrainResult Dispatch);

/// <summary>Everything due now for every school: new exports, today's attendance check, due snapshots, then the report queue.</summary>
/// <remarks>
/// Each part is idempotent (import receipts, one check run per school day, snapshots created only if absent, the
/// send ledger), so running it twice in a row does nothing the second time.
/// </remarks>
public static class RunDue
{
    public static async Task<RunDueResult> RunAsync(JobContext context, DateOnly asOf, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var steps = new List<RunDueStep>();
        var exports = new List<BlobPath>();
        await foreach (var blob in context.Blobs.ListAsync(JobResources.ExportsContainer + "/", cancellationToken))
        {
            exports.Add(blob.Path);
        }

        foreach (var path in exports)
        {
            var result = await ExportIntake.RunAsync(context, path, cancellationToken);
            steps.Add(new RunDueStep(path.Name.Split('/', 2)[0], "ingest", result.Message));
        }

        foreach (var message in await SchoolJobs.PlanAsync(context, asOf, cancellationToken))
        {
            try
            {
                steps.Add(new RunDueStep(message.SchoolId, message.Job.ToString(), await SchoolJobs.RunAsync(context, message, cancellationToken)));
            }
            catch (SchoolBusyException busy)
            {
                // Another school's work goes on; this one is done by the next run.
                steps.Add(new RunDueStep(message.SchoolId, message.Job.ToString(), busy.Message));
            }
        }

        var dispatch = await DispatchJob.DrainAsync(context, max: null, retryAfter, cancellationToken);
        return new RunDueResult(steps, dispatch);
    }
}
