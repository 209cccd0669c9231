using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Email.SendGrid;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Chooses the <see cref="IEmailSender"/> that <c>Email__Provider</c> names.</summary>
public static class EmailSenderFactory
{
    /// <summary>Builds the sender the (validated) settings name; SendGrid takes its HttpClient from <paramref name="http"/>.</summary>
    public static IEmailSender Create(EmailOptions email, SendGridOptions sendGrid, IHttpClientFactory http, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(loggers);
        return email.Provider switch
        {
            EmailProvider.SendGrid => new SendGridEmailSender(
                http, sendGrid, email.FromAddress, email.ReplyToAddress, time, loggers.CreateLogger<SendGridEmailSender>()),
            _ => new OutboxEmailSender(
                email.OutboxDirectory, email.FromAddress, email.ReplyToAddress, time, loggers.CreateLogger<OutboxEmailSender>()),
        };
    }
}
