using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email.Smtp;

/// <summary>Sends through an SMTP server with MailKit: Google Workspace (SMTP relay or an app password), or a local relay.</summary>
/// <remarks>
/// Each recipient gets a MIME copy of their own (<see cref="MimeMessages"/>, as the outbox writes it), all over one
/// connection. The Message-ID is <c>{key}@{sender's domain}</c>, so a copy sent again keeps its id. A temporary
/// failure (a 4xx reply, a dropped connection) is retried on a new connection up to <see cref="SmtpOptions.MaxAttempts"/>
/// times, with the copies the server already accepted left out; a 5xx reply or a refused login fails at once with
/// the server's own text (any address in it masked). The receipt's ids are the Message-IDs. Logs carry the message
/// key, report id, counts and reply codes: never the password or an address.
/// </remarks>
public sealed class SmtpEmailSender : IEmailSender
{
    public const string ProviderName = "Smtp";

    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly SmtpOptions _options;
    private readonly EmailAddress _defaultFrom;
    private readonly EmailAddress? _defaultReplyTo;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpEmailSender> _logger;

    public SmtpEmailSender(SmtpOptions options, EmailAddress defaultFrom, EmailAddress? defaultReplyTo, TimeProvider time, ILogger<SmtpEmailSender> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host, "Smtp__Host");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _defaultFrom = defaultFrom ?? throw new ArgumentNullException(nameof(defaultFrom));
        _defaultReplyTo = defaultReplyTo;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        EmailLimits.EnsureSendable(message);
        var from = message.From ?? _defaultFrom;
        var now = _time.GetUtcNow();
        var envelopes = message.To
            .Select(to => new MailEnvelope(from, message.ReplyTo ?? _defaultReplyTo, to, $"{MimeMessages.CopyName(message, to)}@{from.Domain}", now))
            .ToList();
        var copies = envelopes.Select(e => MimeMessages.Build(message, e)).ToList();
        try
        {
            return await SendAsync(message, envelopes, copies, cancellationToken);
        }
        finally
        {
            copies.ForEach(c => c.Dispose());
        }
    }

    private async Task<SendReceipt> SendAsync(EmailMessage message, List<MailEnvelope> envelopes, List<MimeKit.MimeMessage> copies, CancellationToken cancellationToken)
    {
        var accepted = new StrongBox<int>(0);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendCopiesAsync(copies, accepted, cancellationToken);
                break;
            }
            catch (Exception ex) when (IsTemporary(ex) && !cancellationToken.IsCancellationRequested)
            {
                var reason = Describe(ex);
                if (attempt >= _options.MaxAttempts)
                {
                    _logger.LogError("SMTP gave up on message {MessageKey} after {Attempts} attempts ({Reason})", message.MessageKey, attempt, reason);
                    throw new EmailSendException(
                        $"The SMTP server did not take message '{message.MessageKey}' after {attempt} attempts: {reason}", isTransient: true, Code(ex), [reason], ex);
                }

                var delay = ProviderRetry.Backoff(attempt, _options.InitialRetryDelay, s_maxRetryDelay);
                _logger.LogWarning(
                    "SMTP attempt {Attempt} of {MaxAttempts} for message {MessageKey} failed ({Reason}); retrying in {DelaySeconds:0.###} s",
                    attempt, _options.MaxAttempts, message.MessageKey, reason, delay.TotalSeconds);
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (Exception ex) when (ex is SmtpCommandException or AuthenticationException or SslHandshakeException or NotSupportedException)
            {
                var reason = Describe(ex);
                _logger.LogError("SMTP refused message {MessageKey}: {Reason}; not retried", message.MessageKey, reason);
                throw new EmailSendException($"The SMTP server refused message '{message.MessageKey}': {reason}", isTransient: false, Code(ex), [reason], ex);
            }
        }

        _logger.LogInformation(
            "SMTP accepted message {MessageKey} (report {ReportId}) for {RecipientCount} recipient(s)", message.MessageKey, message.ReportId, copies.Count);
        return new SendReceipt
        {
            Provider = ProviderName,
            MessageKey = message.MessageKey,
            ProviderMessageIds = [.. envelopes.Select(e => e.MessageId)],
            AcceptedAt = _time.GetUtcNow(),
            RecipientCount = message.To.Count,
        };
    }

    // Counts the copies the server has accepted in accepted, so that a retry after a failure part way sends only the rest.
    private async Task SendCopiesAsync(IReadOnlyList<MimeKit.MimeMessage> copies, StrongBox<int> accepted, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(_options.Host, _options.Port, Socket(_options.Security), cancellationToken);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken);
        }

        foreach (var copy in copies.Skip(accepted.Value))
        {
            await client.SendAsync(copy, cancellationToken);
            accepted.Value++;
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static bool IsTemporary(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException => true,
        _ => false,
    };

    private static int? Code(Exception ex) => ex is SmtpCommandException command ? (int)command.StatusCode : null;

    private static string Describe(Exception ex) => ex is SmtpCommandException command
        ? LogSafe.MaskAddresses($"{(int)command.StatusCode} {command.Message}".Trim())
        : LogSafe.MaskAddresses(ex.Message);
}
