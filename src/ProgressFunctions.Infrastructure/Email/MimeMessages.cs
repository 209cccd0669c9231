using System.Security.Cryptography;
using System.Text;
using MimeKit;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Builds one recipient's copy of a message as a MIME document with MimeKit.</summary>
/// <remarks>
/// Structure: <c>multipart/mixed</c> holding <c>multipart/alternative</c> (text/plain first, then text/html, both
/// UTF-8 quoted-printable) followed by the base64 attachments; without attachments the alternative part (or the
/// plain text alone) is the whole body. Written as 7-bit ASCII with CRLF line ends and lines of at most 78
/// characters. Boundaries are derived from the message id, not drawn at random, so the same message written twice is
/// byte-for-byte the same.
/// </remarks>
internal static class MimeMessages
{
    private static readonly FormatOptions s_format = CreateFormat();

    /// <summary>Writes one recipient's copy to <paramref name="output"/> as MimeKit encodes it, with no copy of the whole message in memory.</summary>
    public static void WriteTo(EmailMessage message, MailEnvelope envelope, Stream output, CancellationToken cancellationToken)
    {
        using var mime = Build(message, envelope);
        mime.WriteTo(s_format, output, cancellationToken);
    }

    /// <summary>The name of one recipient's copy: the key alone for a single recipient, else the key and a hash of the address.</summary>
    /// <remarks>The outbox names its file after it and every adapter its Message-ID, so a copy keeps its id when sent again.</remarks>
    public static string CopyName(EmailMessage message, EmailAddress recipient) =>
        message.To.Count == 1
            ? message.MessageKey
            : $"{message.MessageKey}.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Address.ToLowerInvariant())))[..12]}";

    /// <summary>One recipient's copy as a MimeKit message, for writing to a file or handing to an SMTP client.</summary>
    /// <remarks>
    /// The caller disposes it: every MIME entity has a finalizer, and one left to it costs the finalizer thread more
    /// than writing the message did (a 1,500-pupil school's reports spent about 15 s of processor time there).
    /// </remarks>
    public static MimeMessage Build(EmailMessage message, MailEnvelope envelope)
    {
        var mime = new MimeMessage
        {
            Date = envelope.Date.ToUniversalTime(),
            MessageId = envelope.MessageId,
            Subject = message.Subject,
        };
        mime.From.Add(Mailbox(envelope.From));
        if (envelope.ReplyTo is { } replyTo)
        {
            mime.ReplyTo.Add(Mailbox(replyTo));
        }

        mime.To.Add(Mailbox(envelope.To));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(envelope.MessageId)))[..24];
        MimeEntity body = message.HtmlBody is null
            ? Text("plain", message.TextBody)
            : Parts($"=_pf_alt_{hash}", "alternative", Text("plain", message.TextBody), Text("html", message.HtmlBody));

        if (message.Attachments.Count > 0)
        {
            body = Parts($"=_pf_mixed_{hash}", "mixed", [body, .. message.Attachments.Select(Attachment)]);
        }

        mime.Body = body;
        return mime;
    }

    private static Multipart Parts(string boundary, string subtype, params MimeEntity[] parts)
    {
        var multipart = new Multipart(subtype) { Boundary = boundary };
        foreach (var part in parts)
        {
            multipart.Add(part);
        }

        return multipart;
    }

    private static MailboxAddress Mailbox(EmailAddress address) => new(address.DisplayName ?? "", address.Address);

    private static TextPart Text(string subtype, string text)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static MimePart Attachment(EmailAttachment attachment) => new(ContentType.Parse(attachment.ContentType))
    {
        // The attachment's bytes are its own immutable copy: read them where they are rather than copy them again.
        Content = new MimeContent(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(attachment.Content, out var bytes)
            ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)
            : new MemoryStream(attachment.Content.ToArray(), writable: false)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = attachment.FileName,
    };

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}

/// <summary>The per-copy envelope of a message: who it is from and to, its id and its date.</summary>
internal sealed record MailEnvelope(EmailAddress From, EmailAddress? ReplyTo, EmailAddress To, string MessageId, DateTimeOffset Date);
