using System.Text.Json;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email.SendGrid;

/// <summary>Builds the JSON body of <c>POST /v3/mail/send</c> for one batch of at most 1,000 recipients.</summary>
/// <remarks>
/// Each recipient gets a personalization of their own, so every copy is addressed to one person and no parent sees
/// another's address, at one request per 1,000 recipients. Custom arguments go in each personalization (an object
/// of strings there, as documented). Content is text/plain first, then text/html, the order SendGrid requires.
/// SendGrid refuses <c>;</c> and <c>,</c> in recipient names, so they become spaces; the address is unchanged.
/// </remarks>
internal static class SendGridPayload
{
    public static byte[] Build(EmailMessage batch, EmailAddress from, EmailAddress? replyTo, bool sandboxMode)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("personalizations");
            foreach (var recipient in batch.To)
            {
                json.WriteStartObject();
                json.WriteStartArray("to");
                Address(json, recipient, sanitiseName: true);
                json.WriteEndArray();
                if (batch.CustomArgs.Count > 0)
                {
                    json.WriteStartObject("custom_args");
                    foreach (var (name, value) in batch.CustomArgs)
                    {
                        json.WriteString(name, value);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WritePropertyName("from");
            Address(json, from, sanitiseName: false);
            if (replyTo is not null)
            {
                json.WritePropertyName("reply_to");
                Address(json, replyTo, sanitiseName: false);
            }
            json.WriteString("subject", batch.Subject);

            json.WriteStartArray("content");
            Content(json, "text/plain", batch.TextBody);
            if (batch.HtmlBody is not null)
            {
                Content(json, "text/html", batch.HtmlBody);
            }
            json.WriteEndArray();

            if (batch.Attachments.Count > 0)
            {
                json.WriteStartArray("attachments");
                foreach (var attachment in batch.Attachments)
                {
                    json.WriteStartObject();
                    json.WriteBase64String("content", attachment.Content.Span);
                    json.WriteString("filename", attachment.FileName);
                    json.WriteString("type", attachment.ContentType);
                    json.WriteString("disposition", "attachment");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }

            if (batch.Categories.Count > 0)
            {
                json.WriteStartArray("categories");
                foreach (var category in batch.Categories)
                {
                    json.WriteStringValue(category);
                }
                json.WriteEndArray();
            }

            if (sandboxMode)
            {
                json.WriteStartObject("mail_settings");
                json.WriteStartObject("sandbox_mode");
                json.WriteBoolean("enable", true);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Address(Utf8JsonWriter json, EmailAddress address, bool sanitiseName)
    {
        json.WriteStartObject();
        json.WriteString("email", address.Address);
        var name = address.DisplayName;
        if (name is not null && sanitiseName)
        {
            name = string.Join(' ', name.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        if (!string.IsNullOrEmpty(name))
        {
            json.WriteString("name", name);
        }
        json.WriteEndObject();
    }

    private static void Content(Utf8JsonWriter json, string type, string value)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
