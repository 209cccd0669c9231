using SendGrid.Helpers.Mail;
using CoreAddress = ProgressFunctions.Core.Email.EmailAddress;
using CoreMessage = ProgressFunctions.Core.Email.EmailMessage;

namespace ProgressFunctions.Infrastructure.Email.SendGrid;

/// <summary>Builds the SDK's Mail Send request for one batch of at most 1,000 recipients.</summary>
/// <remarks>
/// Each recipient gets a personalization of their own, so every copy is addressed to one person and no parent sees
/// another's address, at one request per 1,000 recipients. Custom arguments go in each personalization. SendGrid
/// refuses <c>;</c> and <c>,</c> in recipient names, so they become spaces; the address is unchanged.
/// </remarks>
internal static class SendGridMessages
{
    public static SendGridMessage Build(CoreMessage batch, CoreAddress from, CoreAddress? replyTo, bool sandboxMode)
    {
        var message = new SendGridMessage();
        message.SetFrom(new EmailAddress(from.Address, from.DisplayName));
        if (replyTo is not null)
        {
            message.SetReplyTo(new EmailAddress(replyTo.Address, replyTo.DisplayName));
        }

        message.SetGlobalSubject(batch.Subject);
        for (int i = 0; i < batch.To.Count; i++)
        {
            message.AddTo(new EmailAddress(batch.To[i].Address, RecipientName(batch.To[i].DisplayName)), i);
            if (batch.CustomArgs.Count > 0)
            {
                message.AddCustomArgs(batch.CustomArgs.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), i);
            }
        }

        message.AddContent("text/plain", batch.TextBody);
        if (batch.HtmlBody is not null)
        {
            message.AddContent("text/html", batch.HtmlBody);
        }

        foreach (var attachment in batch.Attachments)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content.Span), attachment.ContentType, "attachment");
        }

        if (batch.Categories.Count > 0)
        {
            message.AddCategories([.. batch.Categories]);
        }

        if (sandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        return message;
    }

    private static string? RecipientName(string? name) =>
        name is null ? null : string.Join(' ', name.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) is { Length: > 0 } clean ? clean : null;
}
