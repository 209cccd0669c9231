using System.Collections.Concurrent;
using System.Text;
using ProgressFunctions.Core.Reports;

namespace ProgressFunctions.Infrastructure.Email.Outbox;

/// <summary>One row of <c>outbox/index.csv</c>: which file holds which message, for which recipient and report.</summary>
internal sealed record OutboxIndexRow(
    DateTimeOffset WrittenAt, string File, string MessageKey, string? ReportId, string? RecipientId, string Recipient);

/// <summary>Appends rows to the outbox index, a CSV file (RFC 4180) with a header line.</summary>
/// <remarks>
/// A row is written with a single append under a process-wide lock and an exclusive file handle, so concurrent
/// senders (threads or processes) never interleave lines. The index holds full addresses: it is the school's own
/// local record, like the .eml files beside it, and is never logged. Rows are written by <see cref="SpreadsheetCsv"/>.
/// </remarks>
internal sealed class OutboxIndex(string path, TimeProvider time)
{
    public const string HeaderLine = "written_at,file,message_key,report_id,recipient_id,recipient";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_locks = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public async Task AppendAsync(OutboxIndexRow row, CancellationToken cancellationToken)
    {
        var line = SpreadsheetCsv.Row(
            row.WrittenAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            row.File, row.MessageKey, row.ReportId, row.RecipientId, row.Recipient);
        var gate = s_locks.GetOrAdd(System.IO.Path.GetFullPath(Path), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var stream = await OpenExclusiveAsync(cancellationToken);
            var text = stream.Length == 0 ? HeaderLine + "\r\n" + line : line;
            // One short line to a local file: written synchronously, not handed to a pool thread and back.
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush();
        }
        finally
        {
            gate.Release();
        }
    }

    // Another process may hold the file for a moment; wait briefly rather than fail the send.
    private async Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (attempt < 100 && File.Exists(Path))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
            }
        }
    }
}
