using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Email.SendGrid;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Chooses the <see cref="IEmailSender"/> that <c>Email__Provider</c> names.</summary>
public static class EmailSenderFactory
{
    /// <summary>Reads and checks the settings, then builds the sender.</summary>
    /// <exception cref="EmailConfigurationException">A setting is missing or wrong.</exception>
    public static IEmailSender Create(IConfiguration configuration, HttpClient httpClient, TimeProvider time, ILoggerFactory loggers) =>
        Create(EmailSettings.Load(configuration), httpClient, time, loggers);

    /// <summary>Builds the sender the settings name.</summary>
    /// <remarks>The HttpClient is used only by SendGrid; the caller owns it (one per process, or from IHttpClientFactory).</remarks>
    public static IEmailSender Create(EmailSettings settings, HttpClient httpClient, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        return settings.Email.Provider switch
        {
            EmailProvider.SendGrid => new SendGridEmailSender(
                httpClient, settings.SendGrid, settings.Email.From, settings.Email.ReplyTo, time, loggers.CreateLogger<SendGridEmailSender>()),
            _ => new OutboxEmailSender(
                settings.Email.OutboxDirectory, settings.Email.From, settings.Email.ReplyTo, time, loggers.CreateLogger<OutboxEmailSender>()),
        };
    }
}
