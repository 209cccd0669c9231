using ProgressFunctions.Core.Jobs.Stored;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The morning fan-out: one message per school and job, and running one such message.</summary>
public static class SchoolJobs
{
    public static async Task<IReadOnlyList<string>> SchoolIdsAsync(JobContext context, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entry in context.Documents.ListAsync<SchoolEntry>(DocumentTypes.RegistryPartition, DocumentTypes.School, cancellationToken))
        {
            ids.Add(entry.Body.SchoolId);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>Both jobs for every school the store knows; a trust of 100 schools gives 200 messages.</summary>
    public static async Task<IReadOnlyList<SchoolJobMessage>> PlanAsync(JobContext context, DateOnly asOf, CancellationToken cancellationToken) =>
        [.. (await SchoolIdsAsync(context, cancellationToken)).SelectMany(id => new[]
        {
            new SchoolJobMessage(id, SchoolJobKind.CheckAttendance, asOf),
            new SchoolJobMessage(id, SchoolJobKind.TakeSnapshots, asOf),
        })];

    /// <summary>Runs one school's job; both are idempotent, so a redelivered or caught-up message is harmless.</summary>
    public static async Task<string> RunAsync(JobContext context, SchoolJobMessage message, CancellationToken cancellationToken) =>
        message.Job switch
        {
            SchoolJobKind.CheckAttendance => (await AttendanceCheckJob.RunAsync(context, message.SchoolId, message.AsOf, cancellationToken)).Message,
            _ => (await SnapshotJob.RunDueAsync(context, message.SchoolId, message.AsOf, cancellationToken)).Message,
        };
}
