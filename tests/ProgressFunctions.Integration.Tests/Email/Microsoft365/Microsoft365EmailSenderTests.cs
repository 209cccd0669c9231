using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.Microsoft365;
using ProgressFunctions.Integration.Tests.Email.Support;

namespace ProgressFunctions.Integration.Tests.Email.Microsoft365;

/// <summary>The Graph sendMail adapter against a recording HTTP server on 127.0.0.1 standing in for graph.microsoft.com.</summary>
/// <remarks>Entra ID cannot be reached from a test, so the token comes from <see cref="FixedToken"/>; what is checked is
/// that it is sent as the bearer token and never logged.</remarks>
public sealed class Microsoft365EmailSenderTests
{
    private const string Token = "eyJ0eXAi.test-token-must-never-be-logged";
    private const string Throttled = """{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}""";

    private readonly CapturingLoggerFactory _logs = new();
    private readonly SteppingTimeProvider _time = new(TestMessages.Now);

    [Fact]
    public async Task SendAsync_Report_PostsSendMailFromTheSendersMailbox()
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(202, "", ("request-id", "5c1a-req")));
        var pdf = TestMessages.SamplePdf;

        var receipt = await Sender(server).SendAsync(TestMessages.Report(pdf: pdf), CancellationToken.None);

        Assert.Equal(("Microsoft365", "5c1a-req", 1), (receipt.Provider, receipt.ProviderMessageId, receipt.RecipientCount));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1.0/users/office%40school.example.org/sendMail"), (request.Method, request.Path));
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var message = json.RootElement.GetProperty("message");
        Assert.True(json.RootElement.GetProperty("saveToSentItems").GetBoolean());
        Assert.Equal("Progress report for Zoë Ní Bhriain – summer term", message.GetProperty("subject").GetString());
        Assert.Equal(("HTML", "<p>Dear Łukasz,</p><p>Please find attached the summer report.</p>"),
            (message.GetProperty("body").GetProperty("contentType").GetString(), message.GetProperty("body").GetProperty("content").GetString()));
        Assert.Equal(("office@school.example.org", "St Siobhán's School, Office"), Address(message.GetProperty("from")));
        Assert.Equal([("lukasz.kowalski@example.org", "Łukasz Kowalski")], message.GetProperty("toRecipients").EnumerateArray().Select(Address));
        Assert.Equal([("progress@school.example.org", (string?)null)], message.GetProperty("replyTo").EnumerateArray().Select(Address));
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal("#microsoft.graph.fileAttachment", attachment.GetProperty("@odata.type").GetString());
        Assert.Equal(("Łukasz Kowalski – raport.pdf", "application/pdf"), (attachment.GetProperty("name").GetString(), attachment.GetProperty("contentType").GetString()));
        Assert.Equal(SHA256.HashData(pdf), SHA256.HashData(Convert.FromBase64String(attachment.GetProperty("contentBytes").GetString()!)));
    }

    [Fact]
    public async Task SendAsync_429ThenAccepted_WaitsAsRetryAfterSaysAndSendsOnce()
    {
        using var server = new RecordingHttpServer(
            new ScriptedResponse(429, Throttled, ("Retry-After", "7")),
            new ScriptedResponse(202, "", ("request-id", "after-wait")));

        var receipt = await Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.Equal(["after-wait"], receipt.ProviderMessageIds);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].BodyText, server.Requests[1].BodyText);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Waits);
    }

    [Fact]
    public async Task SendAsync_429BeyondCap_GivesUpAtOnceAsTransient()
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(429, Throttled, ("Retry-After", "600")));

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("ApplicationThrottled: Application is over its MailboxConcurrency limit.", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task SendAsync_503Always_GivesUpAfterMaxAttemptsWithBackoff()
    {
        using var server = new RecordingHttpServer([.. Enumerable.Repeat(new ScriptedResponse(503), 6)]);

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal([2, 4, 8, 16], _time.Waits.Select(w => w.TotalSeconds));
    }

    [Theory]
    [InlineData(403, """{"error":{"code":"ErrorAccessDenied","message":"Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings."}}""",
        "ErrorAccessDenied: Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.")]
    [InlineData(400, """{"error":{"code":"ErrorInvalidRecipients","message":"At least one recipient is not valid., Recipient 'lukasz.kowalski@example.org' is not resolved."}}""",
        "ErrorInvalidRecipients: At least one recipient is not valid., Recipient 'l***@example.org' is not resolved.")]
    [InlineData(404, """{"error":{"code":"ErrorInvalidUser","message":"The requested user 'office@school.example.org' is invalid."}}""",
        "ErrorInvalidUser: The requested user 'o***@school.example.org' is invalid.")]
    public async Task SendAsync_ClientError_FailsAtOnceWithGraphsMessage(int status, string body, string expected)
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(status, body));

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal([expected], error.ProviderErrors);
        Assert.Single(server.Requests);
        Assert.DoesNotContain("lukasz.kowalski@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TwoRecipientsNoSender_OneRequestEachFromTheDefaultMailbox()
    {
        using var server = new RecordingHttpServer();
        var message = TestMessages.Report(to: TestMessages.Parents(2)) with { From = null, ReplyTo = null };

        var receipt = await Sender(server).SendAsync(message, CancellationToken.None);

        Assert.Equal(2, receipt.ProviderMessageIds.Count);
        Assert.All(server.Requests, r => Assert.Equal("/v1.0/users/reports%40trust.example.org/sendMail", r.Path));
        var recipients = server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("message"))
            .Select(m => (To: m.GetProperty("toRecipients").EnumerateArray().Select(Address).Single().Address, HasReplyTo: m.TryGetProperty("replyTo", out _)))
            .ToList();
        Assert.Equal([("parent1@example.org", false), ("parent2@example.org", false)], recipients);
    }

    [Theory]
    [InlineData(3_000_000, 1, "has an attachment of 3.0 MB (3,000,000 bytes); Microsoft Graph sendMail takes file attachments under 3.0 MB")]
    [InlineData(1_600_000, 2, "as a Microsoft Graph sendMail request (attachments base64-encoded); Graph takes requests under 4.0 MB")]
    public async Task SendAsync_OverGraphsLimits_RefusedBeforeAnyRequest(int size, int files, string expected)
    {
        using var server = new RecordingHttpServer();
        var message = TestMessages.Report() with
        {
            Attachments = [.. Enumerable.Range(1, files).Select(i => EmailAttachment.Pdf($"report-{i}.pdf", new byte[size]))],
        };

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(message, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_RetryAndFailure_LogsNeitherTokenNorAddress()
    {
        using var server = new RecordingHttpServer(
            new ScriptedResponse(503, "", ("Retry-After", "1")),
            new ScriptedResponse(400, """{"error":{"code":"ErrorInvalidRecipients","message":"bad lukasz.kowalski@example.org"}}"""));

        await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(_logs.Lines.Count >= 2);
        Assert.DoesNotContain(Token, _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("lukasz.kowalski@", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("office@school", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("reports@trust", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialFor_Settings_PicksSecretManagedIdentityOrTheHosts()
    {
        var host = new FixedToken();
        TokenCredential NotAsked() => throw new InvalidOperationException("the host's credential was asked for");

        Assert.IsType<Azure.Identity.ClientSecretCredential>(Microsoft365EmailSender.CredentialFor(
            new Microsoft365Options { TenantId = "contoso.onmicrosoft.com", ClientId = "00000000-0000-0000-0000-000000000001", ClientSecret = "s" }, NotAsked));
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(Microsoft365EmailSender.CredentialFor(
            new Microsoft365Options { ClientId = "00000000-0000-0000-0000-000000000001" }, NotAsked));
        Assert.Same(host, Microsoft365EmailSender.CredentialFor(new Microsoft365Options(), () => host));
    }

    private static (string Address, string? Name) Address(JsonElement recipient)
    {
        var address = recipient.GetProperty("emailAddress");
        return (address.GetProperty("address").GetString()!, address.TryGetProperty("name", out var name) ? name.GetString() : null);
    }

    private static readonly IHttpClientFactory s_http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private Microsoft365EmailSender Sender(RecordingHttpServer server) => new(
        s_http,
        new Microsoft365Options { Mailbox = "reports@trust.example.org", BaseUrl = new Uri(server.BaseUrl, "v1.0/") },
        new FixedToken(),
        EmailAddress.Create("reports@trust.example.org", "Trust Reports"),
        null,
        _time,
        _logs.CreateLogger<Microsoft365EmailSender>());

    /// <summary>A token for the Graph scope only, as Entra ID would issue it to the app.</summary>
    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            requestContext.Scopes.SequenceEqual([Microsoft365EmailSender.GraphScope])
                ? new AccessToken(Token, DateTimeOffset.MaxValue)
                : throw new InvalidOperationException($"unexpected scopes {string.Join(' ', requestContext.Scopes)}");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
