using Azure.Core;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.Microsoft365;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Infrastructure.Email.Smtp;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>The settings of every e-mail adapter, as bound and validated at start-up.</summary>
public sealed record EmailSettings(EmailOptions Email, SendGridOptions SendGrid, Microsoft365Options Microsoft365, SmtpOptions Smtp);

/// <summary>Chooses the <see cref="IEmailSender"/> that <c>Email__Provider</c> names.</summary>
public static class EmailSenderFactory
{
    /// <summary>Builds the sender the (validated) settings name; the HTTP adapters take their HttpClient from <paramref name="http"/>,
    /// Microsoft 365 signs in with <paramref name="credential"/> unless its settings name an identity of their own.</summary>
    /// <remarks><paramref name="credential"/> is asked for only by Microsoft 365: the outbox, SMTP and SendGrid never sign in
    /// to Azure, and building the host's default credential loads Azure.Identity into every run of the command line.</remarks>
    public static IEmailSender Create(EmailSettings settings, IHttpClientFactory http, Func<TokenCredential> credential, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var email = settings.Email;
        return email.Provider switch
        {
            EmailProvider.SendGrid => new SendGridEmailSender(
                http, settings.SendGrid, email.FromAddress, email.ReplyToAddress, time, loggers.CreateLogger<SendGridEmailSender>()),
            EmailProvider.Microsoft365 => new Microsoft365EmailSender(
                http, settings.Microsoft365, Microsoft365EmailSender.CredentialFor(settings.Microsoft365, credential),
                email.From is { Length: > 0 } ? email.FromAddress : EmailAddress.Parse(settings.Microsoft365.Mailbox.Trim()),
                email.ReplyToAddress, time, loggers.CreateLogger<Microsoft365EmailSender>()),
            EmailProvider.Smtp => new SmtpEmailSender(settings.Smtp, email.FromAddress, email.ReplyToAddress, time, loggers.CreateLogger<SmtpEmailSender>()),
            _ => new OutboxEmailSender(
                email.OutboxDirectory, email.FromAddress, email.ReplyToAddress, time, loggers.CreateLogger<OutboxEmailSender>()),
        };
    }
}
