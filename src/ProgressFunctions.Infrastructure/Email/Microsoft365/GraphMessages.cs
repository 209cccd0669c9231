using System.Text.Json;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email.Microsoft365;

/// <summary>Builds the JSON of a Graph <c>sendMail</c> request for one recipient's copy, and checks Graph's size limits.</summary>
/// <remarks>
/// Graph takes one body per message: the HTML one when there is one, else the text. Attachments are
/// <c>fileAttachment</c>s with base64 <c>contentBytes</c>. Graph refuses a request over 4 MB and a file attachment of
/// 3 MB or more sent this way (larger files need an upload session on a draft, which this sender does not use); the
/// check applies the limits as decimal megabytes, the stricter reading, before anything is sent.
/// </remarks>
internal static class GraphMessages
{
    public const long MaxRequestBytes = 4_000_000;
    public const long MaxAttachmentBytes = 3_000_000;

    public static byte[] SendMail(EmailMessage message, EmailAddress from, EmailAddress? replyTo, EmailAddress to, bool saveToSentItems)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("message");
            json.WriteString("subject", message.Subject);
            json.WriteStartObject("body");
            json.WriteString("contentType", message.HtmlBody is null ? "Text" : "HTML");
            json.WriteString("content", message.HtmlBody ?? message.TextBody);
            json.WriteEndObject();
            Recipient(json, "from", from);
            Recipients(json, "toRecipients", to);
            if (replyTo is not null)
            {
                Recipients(json, "replyTo", replyTo);
            }

            if (message.Attachments.Count > 0)
            {
                json.WriteStartArray("attachments");
                foreach (var attachment in message.Attachments)
                {
                    json.WriteStartObject();
                    json.WriteString("@odata.type", "#microsoft.graph.fileAttachment");
                    json.WriteString("name", attachment.FileName);
                    json.WriteString("contentType", attachment.ContentType);
                    json.WriteBase64String("contentBytes", attachment.Content.Span);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteBoolean("saveToSentItems", saveToSentItems);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Why Graph would refuse the request, or null when it fits.</summary>
    public static string? TooLarge(EmailMessage message, long requestBytes)
    {
        if (message.Attachments.FirstOrDefault(a => a.Content.Length >= MaxAttachmentBytes) is { } big)
        {
            return $"Message '{message.MessageKey}' has an attachment of {EmailLimits.Describe(big.Content.Length)}; Microsoft Graph sendMail takes file "
                + $"attachments under {EmailLimits.Describe(MaxAttachmentBytes)}. Make the file smaller or send it another way.";
        }

        return requestBytes < MaxRequestBytes ? null
            : $"Message '{message.MessageKey}' is {EmailLimits.Describe(requestBytes)} as a Microsoft Graph sendMail request (attachments base64-encoded); "
                + $"Graph takes requests under {EmailLimits.Describe(MaxRequestBytes)}. Send fewer or smaller attachments.";
    }

    private static void Recipients(Utf8JsonWriter json, string name, EmailAddress address)
    {
        json.WriteStartArray(name);
        Address(json, address);
        json.WriteEndArray();
    }

    private static void Recipient(Utf8JsonWriter json, string name, EmailAddress address)
    {
        json.WritePropertyName(name);
        Address(json, address);
    }

    private static void Address(Utf8JsonWriter json, EmailAddress address)
    {
        json.WriteStartObject();
        json.WriteStartObject("emailAddress");
        json.WriteString("address", address.Address);
        if (address.DisplayName is { } name)
        {
            json.WriteString("name", name);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
