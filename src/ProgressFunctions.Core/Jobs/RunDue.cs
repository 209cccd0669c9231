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
        await foreach (var blob in context.Blobs.ListAsync(JobResources.ExportsContainer + "/", cancellationToken))
        {
            var parts = blob.Path.Name.Split('/', 2);
            if (parts.Length != 2)
            {
                steps.Add(new RunDueStep("-", "ingest", $"{blob.Path} is not under mis-exports/{{schoolId}}/: left alone"));
                continue;
            }

            await using var content = await context.Blobs.OpenReadAsync(blob.Path, cancellationToken);
            if (content is not null)
            {
                var result = await IngestJob.RunAsync(context, parts[0], parts[1], content, cancellationToken);
                steps.Add(new RunDueStep(parts[0], "ingest", result.Message));
            }
        }

        foreach (var message in await SchoolJobs.PlanAsync(context, asOf, cancellationToken))
        {
            steps.Add(new RunDueStep(message.SchoolId, message.Job.ToString(), await SchoolJobs.RunAsync(context, message, cancellationToken)));
        }

        var dispatch = await DispatchJob.DrainAsync(context, max: null, retryAfter, cancellationToken);
        return new RunDueResult(steps, dispatch);
    }
}
