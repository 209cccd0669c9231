using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using SendGrid;

namespace ProgressFunctions.Infrastructure.Email.SendGrid;

/// <summary>Sends through the SendGrid v3 Mail Send API with SendGrid's SDK, on an HttpClient from
/// <see cref="IHttpClientFactory"/> (named <see cref="HttpClientName"/>).</summary>
/// <remarks>
/// Success is 202 Accepted (200 in sandbox mode): SendGrid has queued the message, which is not delivery; bounces and
/// drops arrive later through its Event Webhook, correlated by the kept <c>X-Message-Id</c>. A message over 1,000
/// recipients is sent as one request per 1,000 (one personalization per recipient); an oversize message is refused
/// before any request. The SDK's own retry covers neither 429 nor <c>X-RateLimit-Reset</c>, so it is off and this
/// sender retries 429 and 5xx, and connection failures, up to <see cref="SendGridOptions.MaxAttempts"/> with back-off
/// honouring the rate-limit headers (<see cref="ProviderRetry"/>); other 4xx fail at once with SendGrid's own error
/// messages. Logs carry the message key, report id, counts and statuses: never the API key or a full address.
/// A retry after a lost response can send twice; callers de-duplicate by (report, recipient).
/// </remarks>
public sealed class SendGridEmailSender : IEmailSender
{
    public const string ProviderName = "SendGrid";
    public const string HttpClientName = "SendGrid";

    private readonly IHttpClientFactory _http;
    private readonly SendGridOptions _options;
    private readonly EmailAddress _defaultFrom;
    private readonly EmailAddress? _defaultReplyTo;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridEmailSender> _logger;
    private readonly SendGridClientOptions _client;

    public SendGridEmailSender(
        IHttpClientFactory http, SendGridOptions options, EmailAddress defaultFrom, EmailAddress? defaultReplyTo, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, "SendGrid__ApiKey");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _defaultFrom = defaultFrom ?? throw new ArgumentNullException(nameof(defaultFrom));
        _defaultReplyTo = defaultReplyTo;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _client = new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.BaseUrl.ToString().TrimEnd('/') };
    }

    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var batches = EmailLimits.Split(message);
        var ids = new List<string>(batches.Count);
        foreach (var batch in batches)
        {
            var request = SendGridMessages.Build(batch, batch.From ?? _defaultFrom, batch.ReplyTo ?? _defaultReplyTo, _options.SandboxMode);
            ids.Add(await PostAsync(batch, request, cancellationToken));
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

    private async Task<string> PostAsync(EmailMessage batch, global::SendGrid.Helpers.Mail.SendGridMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A client per attempt: the factory pools the handlers, and a fresh one follows DNS changes.
            var client = new SendGridClient(_http.CreateClient(HttpClientName), _client);
            Response response;
            try
            {
                response = await client.SendEmailAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    throw new EmailSendException(
                        $"SendGrid could not be reached for message '{batch.MessageKey}' after {attempt} attempts: {ex.Message}", isTransient: true, innerException: ex);
                }
                await WaitAsync(batch, attempt, ProviderRetry.Backoff(attempt, _options.InitialRetryDelay, _options.MaxRetryDelay), "no response", cancellationToken);
                continue;
            }

            var status = (int)response.StatusCode;
            // Any other 2xx is taken as accepted too: failing it would make the caller send again.
            if (response.IsSuccessStatusCode)
            {
                return Accepted(batch, response, attempt);
            }
            var errors = await ReadErrorsAsync(response, cancellationToken);
            var summary = $"SendGrid answered {status} {response.StatusCode} for message '{batch.MessageKey}'"
                + (errors.Count > 0 ? ": " + string.Join("; ", errors) : "");
            if (!ProviderRetry.IsTransient(response.StatusCode))
            {
                _logger.LogError("{Summary}; not retried", summary);
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
                    $"{summary}; SendGrid asks to wait {requested.Value.TotalSeconds:0} s, longer than the {_options.MaxRetryDelay.TotalSeconds:0} s cap: try later",
                    isTransient: true, status, errors);
            }
            await WaitAsync(batch, attempt, requested ?? ProviderRetry.Backoff(attempt, _options.InitialRetryDelay, _options.MaxRetryDelay), status.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    private string Accepted(EmailMessage batch, Response response, int attempt)
    {
        var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            // Sandbox answers may carry no id; the receipt still needs one, so it names the key instead.
            id = $"{(_options.SandboxMode ? "sandbox" : "no-id")}:{batch.MessageKey}";
        }
        if (response.StatusCode != HttpStatusCode.Accepted && !_options.SandboxMode)
        {
            _logger.LogWarning("SendGrid answered {Status} rather than 202 for message {MessageKey}; treated as accepted", (int)response.StatusCode, batch.MessageKey);
        }
        _logger.LogInformation(
            "SendGrid accepted message {MessageKey} (report {ReportId}) for {RecipientCount} recipient(s) as {ProviderMessageId}, HTTP {Status}, attempt {Attempt}",
            batch.MessageKey, batch.ReportId, batch.To.Count, id, (int)response.StatusCode, attempt);
        return id;
    }

    private async Task WaitAsync(EmailMessage batch, int attempt, TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        _logger.LogWarning(
            "SendGrid attempt {Attempt} of {MaxAttempts} for message {MessageKey} failed ({Reason}); retrying in {DelaySeconds:0.###} s",
            attempt, _options.MaxAttempts, batch.MessageKey, reason, delay.TotalSeconds);
        await Task.Delay(delay, _time, cancellationToken);
    }

    // SendGrid's ErrorResponse: {"errors":[{"message":"...","field":"...","help":...}],"id":"..."}; anything else is kept raw.
    private static async Task<IReadOnlyList<string>> ReadErrorsAsync(Response response, CancellationToken cancellationToken)
    {
        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return [.. errors.EnumerateArray().Select(Describe)];
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through and keep the start of it.
        }
        return [LogSafe.MaskAddresses(body.Length > 500 ? body[..500] : body)];

        static string Describe(JsonElement error)
        {
            var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : error.GetRawText();
            var field = error.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            return LogSafe.MaskAddresses(field is null ? text : $"{text} (field: {field})");
        }
    }
}
