using Microsoft.Extensions.Logging;
using Microsoft.IO;
using Microsoft.Win32.SafeHandles;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email.Outbox;

/// <summary>The embedded default sender: writes each message as <c>.eml</c> files into a folder, with an index.</summary>
/// <remarks>
/// One file per recipient, so no copy shows another recipient's address: <c>{key}.eml</c> for a single recipient,
/// <c>{key}.{hash of address}.eml</c> otherwise. Each file is written to a hidden temporary file and renamed into
/// place, so a crash of the process never leaves half a message. It is not forced to disk one by one (an fsync per
/// e-mail cost more than rendering the report): like the store's own commits (<c>synchronous=NORMAL</c>), only a
/// power loss may drop the last messages written, as it may drop the store's last commits. Writing a key again replaces its file with identical
/// content and adds no index row. The index row is appended after the rename: a crash between the two leaves a
/// complete message without its row (the files are the record; the index is a convenience). The receipt's provider
/// message ids are the file names. A mail server or client can pick the files up as they are.
/// </remarks>
public sealed class OutboxEmailSender : IEmailSender
{
    public const string ProviderName = "Outbox";
    public const string IndexFileName = "index.csv";

    private static readonly RecyclableMemoryStreamManager s_buffers = new();

    private readonly string _directory;
    private readonly EmailAddress _defaultFrom;
    private readonly EmailAddress? _defaultReplyTo;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxEmailSender> _logger;
    private readonly OutboxIndex _index;

    public OutboxEmailSender(string directory, EmailAddress defaultFrom, EmailAddress? defaultReplyTo, TimeProvider time, ILogger<OutboxEmailSender> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _defaultFrom = defaultFrom ?? throw new ArgumentNullException(nameof(defaultFrom));
        _defaultReplyTo = defaultReplyTo;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _index = new OutboxIndex(Path.Combine(_directory, IndexFileName), time);
    }

    public string Directory => _directory;

    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        EmailLimits.EnsureSendable(message);
        var now = _time.GetUtcNow();
        var from = message.From ?? _defaultFrom;
        var files = new List<string>(message.To.Count);
        foreach (var recipient in message.To)
        {
            var name = MimeMessages.CopyName(message, recipient);
            var envelope = new MailEnvelope(from, message.ReplyTo ?? _defaultReplyTo, recipient, $"{name}@{from.Domain}", now);
            var fileName = name + ".eml";
            var existed = WriteAtomically(fileName, stream => MimeMessages.WriteTo(message, envelope, stream, cancellationToken));
            if (!existed)
            {
                await _index.AppendAsync(
                    new OutboxIndexRow(now, fileName, message.MessageKey, message.ReportId, message.RecipientId, recipient.Address), cancellationToken);
            }
            files.Add(fileName);
        }
        _logger.LogInformation(
            "Outbox wrote message {MessageKey} (report {ReportId}) for {RecipientCount} recipient(s) as {FileCount} file(s)",
            message.MessageKey, message.ReportId, message.To.Count, files.Count);
        return new SendReceipt
        {
            Provider = ProviderName,
            MessageKey = message.MessageKey,
            ProviderMessageIds = files,
            AcceptedAt = now,
            RecipientCount = message.To.Count,
        };
    }

    // Returns whether the file already existed (a repeat of the same key).
    // MimeKit encodes into a pooled buffer, written to the temporary file block by block in synchronous calls: through
    // a 4 KB file buffer each block MimeKit wrote was a system call of its own, a third of an outbox send's processor
    // time, and an asynchronous write to a local file only hands the same call to a pool thread.
    private bool WriteAtomically(string fileName, Action<Stream> write)
    {
        var target = Path.Combine(_directory, fileName);
        var temporary = Path.Combine(_directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
        var moved = false;
        try
        {
            using (var encoded = s_buffers.GetStream(nameof(OutboxEmailSender)))
            {
                write(encoded);
                using var handle = CreateTemporary(temporary);
                long offset = 0;
                foreach (var block in encoded.GetReadOnlySequence())
                {
                    RandomAccess.Write(handle, block.Span, offset);
                    offset += block.Length;
                }
            }

            var existed = File.Exists(target);
            File.Move(temporary, target, overwrite: true);
            moved = true;
            return existed;
        }
        finally
        {
            if (!moved)
            {
                File.Delete(temporary);
            }
        }
    }

    // The outbox folder is made only when the first file finds it missing, not checked again for every e-mail. On Unix a
    // missing folder is reported as FileNotFoundException when another send made the folder between the failed open and
    // .NET's look at the parent: with CreateNew, either means the folder was missing.
    private SafeFileHandle CreateTemporary(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            System.IO.Directory.CreateDirectory(_directory);
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
    }
}
