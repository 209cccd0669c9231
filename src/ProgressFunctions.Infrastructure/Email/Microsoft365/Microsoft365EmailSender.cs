using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email.Microsoft365;

/// <summary>Sends through Microsoft Graph <c>POST /users/{mailbox}/sendMail</c>, from the school's shared mailbox.</summary>
/// <remarks>
/// Plain <see cref="HttpClient"/> and Azure.Identity rather than the Microsoft.Graph SDK: the SDK's assembly alone is
/// 47.8 MB (6.10.0), loaded by every Function App instance at cold start, and brings the Kiota stack (with NU1603
/// version gaps on this feed) for one documented POST. Each recipient gets a request of their own, so no copy shows
/// another address. The mailbox sent from is the message's sender (the school's own, when dispatch sets it), else
/// the configured default; the app must be allowed to send as it (an application access policy in Exchange Online
/// limits the app to those mailboxes). 202 Accepted is success: Exchange has taken the message, which is not delivery.
/// 429 and 5xx are retried after <c>Retry-After</c> (or an exponential back-off) up to
/// <see cref="Microsoft365Options.MaxAttempts"/>; any other status fails at once with Graph's own error code and
/// message. Logs carry the message key, report id, statuses and Graph's request id: never a token, secret or address.
/// </remarks>
public sealed class Microsoft365EmailSender : IEmailSender
{
    public const string ProviderName = "Microsoft365";
    public const string HttpClientName = "Microsoft365";
    public const string GraphScope = "https://graph.microsoft.com/.default";

    private readonly IHttpClientFactory _http;
    private readonly Microsoft365Options _options;
    private readonly TokenCredential _credential;
    private readonly EmailAddress _defaultFrom;
    private readonly EmailAddress? _defaultReplyTo;
    private readonly TimeProvider _time;
    private readonly ILogger<Microsoft365EmailSender> _logger;

    public Microsoft365EmailSender(
        IHttpClientFactory http, Microsoft365Options options, TokenCredential credential, EmailAddress defaultFrom, EmailAddress? defaultReplyTo,
        TimeProvider time, ILogger<Microsoft365EmailSender> logger)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _defaultFrom = defaultFrom ?? throw new ArgumentNullException(nameof(defaultFrom));
        _defaultReplyTo = defaultReplyTo;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The credential the settings name: the app registration's secret, a user-assigned identity, or <paramref name="host"/>.</summary>
    public static TokenCredential CredentialFor(Microsoft365Options options, Func<TokenCredential> host)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesClientSecret)
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        }

        return options.ClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : host();
    }

    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        EmailLimits.EnsureSendable(message);
        var from = message.From ?? _defaultFrom;
        var bodies = message.To.Select(to => GraphMessages.SendMail(message, from, message.ReplyTo ?? _defaultReplyTo, to, _options.SaveToSentItems)).ToList();
        if (GraphMessages.TooLarge(message, bodies.Max(b => b.LongLength)) is { } tooLarge)
        {
            throw new EmailSendException(tooLarge, isTransient: false);
        }

        var url = new Uri(_options.BaseUrl, $"users/{Uri.EscapeDataString(from.Address)}/sendMail");
        var ids = new List<string>(bodies.Count);
        foreach (var body in bodies)
        {
            ids.Add(await PostAsync(message, url, body, cancellationToken));
        }

        return new SendReceipt
        {
            Provider = ProviderName,
            MessageKey = message.MessageKey,
            ProviderMessageIds = ids,
            AcceptedAt = _time.GetUtcNow(),
            RecipientCount = message.To.Count,
        };
    }

    private async Task<string> PostAsync(EmailMessage message, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(message, cancellationToken));
            HttpResponseMessage response;
            try
            {
                response = await _http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    throw new EmailSendException(
                        $"Microsoft Graph could not be reached for message '{message.MessageKey}' after {attempt} attempts: {ex.Message}", isTransient: true, innerException: ex);
                }

                await WaitAsync(message, attempt, Backoff(attempt), "no response", cancellationToken);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var requestId = response.Headers.TryGetValues("request-id", out var values) ? values.FirstOrDefault() : null;
                if (response.IsSuccessStatusCode)
                {
                    _logger.LogInformation(
                        "Microsoft Graph accepted message {MessageKey} (report {ReportId}), HTTP {Status}, request {RequestId}, attempt {Attempt}",
                        message.MessageKey, message.ReportId, status, requestId, attempt);
                    return requestId is { Length: > 0 } ? requestId : $"graph:{message.MessageKey}";
                }

                var error = await ReadErrorAsync(response, cancellationToken);
                var summary = $"Microsoft Graph answered {status} {response.StatusCode} for message '{message.MessageKey}'" + (error is null ? "" : ": " + error);
                IReadOnlyList<string> errors = error is null ? [] : [error];
                if (!ProviderRetry.IsTransient(response.StatusCode))
                {
                    _logger.LogError("{Summary} (request {RequestId}); not retried", summary, requestId);
                    throw new EmailSendException(summary, isTransient: false, status, errors);
                }

                if (attempt >= _options.MaxAttempts)
                {
                    _logger.LogError("{Summary}; giving up after {Attempts} attempts", summary, attempt);
                    throw new EmailSendException($"{summary} (gave up after {attempt} attempts)", isTransient: true, status, errors);
                }

                var requested = ProviderRetry.RequestedDelay(response.Headers, _time.GetUtcNow());
                if (requested > _options.MaxRetryDelay)
                {
                    throw new EmailSendException(
                        $"{summary}; Graph asks to wait {requested.Value.TotalSeconds:0} s, longer than the {_options.MaxRetryDelay.TotalSeconds:0} s cap: try later",
                        isTransient: true, status, errors);
                }

                await WaitAsync(message, attempt, requested ?? Backoff(attempt), status.ToString(CultureInfo.InvariantCulture), cancellationToken);
            }
        }
    }

    private async Task<string> TokenAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // Azure.Identity caches the token and renews it shortly before it expires.
            return (await _credential.GetTokenAsync(new TokenRequestContext([GraphScope]), cancellationToken)).Token;
        }
        catch (AuthenticationFailedException ex)
        {
            throw new EmailSendException(
                $"Could not sign in to Microsoft Graph to send message '{message.MessageKey}' (check Microsoft365__TenantId, __ClientId and the app's Mail.Send permission): {ex.Message}",
                isTransient: false, innerException: ex);
        }
    }

    private TimeSpan Backoff(int attempt) => ProviderRetry.Backoff(attempt, _options.InitialRetryDelay, _options.MaxRetryDelay);

    private async Task WaitAsync(EmailMessage message, int attempt, TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        _logger.LogWarning(
            "Microsoft Graph attempt {Attempt} of {MaxAttempts} for message {MessageKey} failed ({Reason}); retrying in {DelaySeconds:0.###} s",
            attempt, _options.MaxAttempts, message.MessageKey, reason, delay.TotalSeconds);
        await Task.Delay(delay, _time, cancellationToken);
    }

    // Graph's error body: {"error":{"code":"ErrorInvalidRecipients","message":"..."}}; anything else is kept raw.
    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : error.GetRawText();
                return LogSafe.MaskAddresses(code is null ? text ?? "" : $"{code}: {text}");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through and keep the start of it.
        }

        return LogSafe.MaskAddresses(body.Length > 500 ? body[..500] : body);
    }
}
