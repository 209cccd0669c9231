using System.Globalization;
using System.Text;

namespace ProgressFunctions.Core.Email;

/// <summary>Provider limits, and the pure check and split every sender applies before it sends.</summary>
/// <remarks>
/// SendGrid documents "total message size, including attachments, must be less than 30 MB" and at most 1,000
/// recipients per request. "MB" is read as 30,000,000 bytes, the stricter reading, so nothing the limit refuses is
/// ever sent by mistake. The size counted is the UTF-8 size of every text field plus the base64 size of every
/// attachment: it is what a request carries, give or take the JSON or MIME framing.
/// </remarks>
public static class EmailLimits
{
    public const long MaxMessageBytes = 30_000_000;

    public const int MaxRecipientsPerRequest = 1_000;

    /// <summary>SendGrid refuses custom arguments totalling 10,000 bytes or more.</summary>
    public const int MaxCustomArgsBytes = 10_000;

    /// <summary>The counted size of a message, including base64-encoded attachments.</summary>
    public static long MeasureBytes(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long size = Utf8(message.Subject) + Utf8(message.TextBody) + Utf8(message.HtmlBody);
        size += Utf8(message.From?.Address) + Utf8(message.From?.DisplayName) + Utf8(message.ReplyTo?.Address) + Utf8(message.ReplyTo?.DisplayName);
        size += message.To.Sum(a => (long)Utf8(a.Address) + Utf8(a.DisplayName));
        size += message.Attachments.Sum(a => a.Base64Length + Utf8(a.FileName) + Utf8(a.ContentType));
        size += message.Categories.Sum(c => (long)Utf8(c));
        return size + CustomArgsBytes(message);
    }

    /// <summary>Refuses a message no provider request can carry; returns it unchanged otherwise.</summary>
    /// <exception cref="EmailTooLargeException">The message is <see cref="MaxMessageBytes"/> or larger.</exception>
    /// <exception cref="ArgumentException">The custom arguments total <see cref="MaxCustomArgsBytes"/> or more.</exception>
    public static EmailMessage EnsureSendable(EmailMessage message)
    {
        var size = MeasureBytes(message);
        if (size >= MaxMessageBytes)
        {
            throw new EmailTooLargeException(message.MessageKey, size);
        }
        var args = CustomArgsBytes(message);
        return args < MaxCustomArgsBytes ? message : throw new ArgumentException(
            $"Message '{message.MessageKey}' has {args:N0} bytes of custom arguments; the limit is under {MaxCustomArgsBytes:N0}.", nameof(message));
    }

    /// <summary>
    /// Checks the message with <see cref="EnsureSendable"/>, then splits its recipients, in order, into batches of at
    /// most <paramref name="maxRecipients"/>; every batch is the same message with fewer recipients.
    /// </summary>
    public static IReadOnlyList<EmailMessage> Split(EmailMessage message, int maxRecipients = MaxRecipientsPerRequest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecipients, 1);
        EnsureSendable(message);
        if (message.To.Count <= maxRecipients)
        {
            return [message];
        }
        return [.. message.To.Chunk(maxRecipients).Select(batch => message with { To = batch })];
    }

    /// <summary>A size for people: "31.2 MB (31,234,567 bytes)", in decimal megabytes as the limit is stated.</summary>
    public static string Describe(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_000_000d:0.0} MB ({bytes:N0} bytes)");

    private static long CustomArgsBytes(EmailMessage message) =>
        message.CustomArgs.Sum(a => (long)Utf8(a.Key) + Utf8(a.Value));

    private static int Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
