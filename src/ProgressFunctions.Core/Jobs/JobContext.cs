using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The ports a job reads from and writes to, and the clock the shell lends it.</summary>
/// <remarks>
/// Jobs are read -> pure compute -> write over these ports. <see cref="Clock"/> is used only to stamp records
/// (import receipts, send ledger); every school decision takes an explicit as-of date.
/// </remarks>
public sealed record JobContext(
    IDocumentStore Documents,
    IBlobStore Blobs,
    IMessageQueue Queue,
    IEmailSender Email,
    IReportRenderer Renderer,
    TimeProvider Clock)
{
    /// <summary>Where long steps report how far they have got (a progress bar in the CLI, nothing in Functions).</summary>
    public IJobProgress Progress { get; init; } = JobProgress.None;

    /// <summary>Lays out the subject and year-group workbooks attached beside their PDFs; none, and no workbook is attached.</summary>
    public IWorkbookRenderer? Workbooks { get; init; }
}

/// <summary>Progress of a long step, for a person watching.</summary>
public interface IJobProgress
{
    void Report(string step, long done, long total);
}

public static class JobProgress
{
    public static IJobProgress None { get; } = new Silent();

    private sealed class Silent : IJobProgress
    {
        public void Report(string step, long done, long total)
        {
        }
    }
}
