using System.Security.Cryptography;
using System.Text;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email.Outbox;

/// <summary>Writes one message for one recipient as an RFC 5322 / MIME (RFC 2045-2049) document.</summary>
/// <remarks>
/// Structure: <c>multipart/mixed</c> holding <c>multipart/alternative</c> (text/plain first, then text/html, both
/// UTF-8 quoted-printable) followed by the base64 attachments; without attachments the alternative part (or the
/// plain text alone) is the whole body. The output is pure ASCII with CRLF line ends. Boundaries start with
/// <c>=_</c>, which quoted-printable and base64 can never produce, so no content can end a part early.
/// The output depends only on its arguments, so the same message written twice is byte-for-byte the same.
/// </remarks>
internal static class MimeWriter
{
    private const string Crlf = MimeEncoding.Crlf;

    public static byte[] Write(EmailMessage message, MailEnvelope envelope)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(envelope.MessageId)))[..24];
        var mixed = $"=_pf_mixed_{hash}";
        var alternative = $"=_pf_alt_{hash}";

        var output = new StringBuilder();
        Header(output, "Date", MimeEncoding.Date(envelope.Date));
        Header(output, "From", MimeEncoding.Mailbox(envelope.From.Address, envelope.From.DisplayName));
        if (envelope.ReplyTo is { } replyTo)
        {
            Header(output, "Reply-To", MimeEncoding.Mailbox(replyTo.Address, replyTo.DisplayName));
        }
        Header(output, "To", MimeEncoding.Mailbox(envelope.To.Address, envelope.To.DisplayName));
        Header(output, "Subject", MimeEncoding.Unstructured(message.Subject));
        Header(output, "Message-ID", $"<{envelope.MessageId}>");
        Header(output, "MIME-Version", "1.0");

        if (message.Attachments.Count == 0)
        {
            WriteBody(output, message, alternative);
            return Encoding.ASCII.GetBytes(output.ToString());
        }

        Header(output, "Content-Type", $"multipart/mixed;{Crlf} boundary=\"{mixed}\"");
        // Every part ends in CRLF, which the next delimiter takes as its own, so decoded parts keep their exact text.
        output.Append(Crlf).Append("This is a multi-part message in MIME format.").Append(Crlf);
        output.Append("--").Append(mixed).Append(Crlf);
        WriteBody(output, message, alternative);
        foreach (var attachment in message.Attachments)
        {
            output.Append("--").Append(mixed).Append(Crlf);
            Header(output, "Content-Type", $"{attachment.ContentType};{Crlf} {MimeEncoding.Parameter("name", attachment.FileName)}");
            Header(output, "Content-Disposition", $"attachment;{Crlf} {MimeEncoding.Parameter("filename", attachment.FileName)}");
            Header(output, "Content-Transfer-Encoding", "base64");
            output.Append(Crlf).Append(MimeEncoding.Base64Lines(attachment.Content.Span));
        }
        output.Append("--").Append(mixed).Append("--").Append(Crlf);
        return Encoding.ASCII.GetBytes(output.ToString());
    }

    // Writes the headers and content of the body entity: the alternative, or the plain text alone.
    private static void WriteBody(StringBuilder output, EmailMessage message, string boundary)
    {
        if (message.HtmlBody is null)
        {
            TextPart(output, "text/plain", message.TextBody);
            return;
        }
        Header(output, "Content-Type", $"multipart/alternative;{Crlf} boundary=\"{boundary}\"");
        output.Append(Crlf);
        output.Append("--").Append(boundary).Append(Crlf);
        TextPart(output, "text/plain", message.TextBody);
        output.Append("--").Append(boundary).Append(Crlf);
        TextPart(output, "text/html", message.HtmlBody);
        output.Append("--").Append(boundary).Append("--").Append(Crlf);
    }

    private static void TextPart(StringBuilder output, string type, string text)
    {
        Header(output, "Content-Type", $"{type}; charset=utf-8");
        Header(output, "Content-Transfer-Encoding", "quoted-printable");
        output.Append(Crlf).Append(MimeEncoding.QuotedPrintable(text));
    }

    private static void Header(StringBuilder output, string name, string value) =>
        output.Append(name).Append(": ").Append(value).Append(Crlf);
}

/// <summary>The per-copy envelope of an outbox message: who it is from and to, its id and its date.</summary>
internal sealed record MailEnvelope(EmailAddress From, EmailAddress? ReplyTo, EmailAddress To, string MessageId, DateTimeOffset Date);
