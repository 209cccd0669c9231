using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Integration.Tests.Email.Support;

namespace ProgressFunctions.Integration.Tests.Email.SendGrid;

public sealed class SendGridEmailSenderTests
{
    private const string ApiKey = "SG.test-key-must-never-be-logged";
    private const string TooManyRequests = """{"errors":[{"field":null,"message":"too many requests"}]}""";

    private readonly CapturingLoggerFactory _logs = new();
    private readonly SteppingTimeProvider _time = new(TestMessages.Now);

    [Fact]
    public async Task SendAsync_Report_PostsDocumentedPayloadAndKeepsMessageId()
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(202, "", ("X-Message-Id", "abc123")));
        var pdf = TestMessages.SamplePdf;

        var receipt = await Sender(server).SendAsync(TestMessages.Report(pdf: pdf), CancellationToken.None);

        Assert.Equal("abc123", receipt.ProviderMessageId);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v3/mail/send"), (request.Method, request.Path));
        Assert.Equal($"Bearer {ApiKey}", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        var personalization = Assert.Single(root.GetProperty("personalizations").EnumerateArray());
        var to = Assert.Single(personalization.GetProperty("to").EnumerateArray());
        Assert.Equal("lukasz.kowalski@example.org", to.GetProperty("email").GetString());
        Assert.Equal("Łukasz Kowalski", to.GetProperty("name").GetString());
        Assert.Equal("r-123", personalization.GetProperty("custom_args").GetProperty("report_id").GetString());
        Assert.Equal("c-456", personalization.GetProperty("custom_args").GetProperty("recipient_id").GetString());
        Assert.Equal("office@school.example.org", root.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("progress@school.example.org", root.GetProperty("reply_to").GetProperty("email").GetString());
        Assert.Equal("Progress report for Zoë Ní Bhriain – summer term", root.GetProperty("subject").GetString());
        Assert.Equal(["text/plain", "text/html"], root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.Equal(["progress-report"], root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray());
        Assert.Equal("Łukasz Kowalski – raport.pdf", attachment.GetProperty("filename").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("type").GetString());
        Assert.Equal("attachment", attachment.GetProperty("disposition").GetString());
        Assert.Equal(SHA256.HashData(pdf), SHA256.HashData(Convert.FromBase64String(attachment.GetProperty("content").GetString()!)));
        Assert.False(root.TryGetProperty("mail_settings", out _));
    }

    [Fact]
    public async Task SendAsync_429ThenAccepted_WaitsForResetAndSendsOnce()
    {
        var reset = TestMessages.Now.AddSeconds(7).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var server = new RecordingHttpServer(
            new ScriptedResponse(429, TooManyRequests, ("X-RateLimit-Limit", "600"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)),
            new ScriptedResponse(202, "", ("X-Message-Id", "after-wait")));

        var receipt = await Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.Equal(["after-wait"], receipt.ProviderMessageIds);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Waits);
    }

    [Fact]
    public async Task SendAsync_429WithResetBeyondCap_GivesUpAtOnceAsTransient()
    {
        var reset = TestMessages.Now.AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var server = new RecordingHttpServer(new ScriptedResponse(429, TooManyRequests, ("X-RateLimit-Reset", reset)));

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("too many requests", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task SendAsync_500Twice_RetriesWithBackoffThenSucceeds()
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(500), new ScriptedResponse(503, "", ("Retry-After", "3")));

        var receipt = await Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.Equal("msg-3", receipt.ProviderMessageId);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], _time.Waits);
    }

    [Fact]
    public async Task SendAsync_500Always_GivesUpAfterMaxAttemptsAsTransient()
    {
        using var server = new RecordingHttpServer([.. Enumerable.Repeat(new ScriptedResponse(500, """{"errors":[{"message":"internal"}]}"""), 6)]);

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal([1, 2, 4, 8], _time.Waits.Select(w => w.TotalSeconds));
    }

    [Theory]
    [InlineData(400, """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]}""", "The from address does not match a verified Sender Identity. (field: from)")]
    [InlineData(401, """{"errors":[{"field":null,"message":"authorization required"}]}""", "authorization required")]
    [InlineData(413, """{"errors":[{"field":null,"message":"content too large"}]}""", "content too large")]
    [InlineData(400, """{"errors":[{"message":"Invalid email lukasz.kowalski@example.org","field":"personalizations.0.to"}]}""", "Invalid email l***@example.org")]
    public async Task SendAsync_ClientError_FailsAtOnceWithSendGridMessage(int status, string body, string expected)
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(status, body));

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(_time.Waits);
        Assert.DoesNotContain("lukasz.kowalski@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Oversize_RefusedBeforeAnyRequest()
    {
        using var server = new RecordingHttpServer();

        var error = await Assert.ThrowsAsync<EmailTooLargeException>(
            () => Sender(server).SendAsync(TestMessages.Report(pdf: new byte[22_500_000]), CancellationToken.None));

        Assert.Contains("30.0 MB (30,000,", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_2500Recipients_SendsThreeRequestsOfOnePersonalizationEach()
    {
        using var server = new RecordingHttpServer();

        var receipt = await Sender(server).SendAsync(TestMessages.Report(to: TestMessages.Parents(2500)), CancellationToken.None);

        Assert.Equal(["msg-1", "msg-2", "msg-3"], receipt.ProviderMessageIds);
        Assert.Equal(2500, receipt.RecipientCount);
        var sizes = server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("personalizations").EnumerateArray()
            .Select(p => p.GetProperty("to").GetArrayLength()).ToList()).ToList();
        Assert.Equal([1000, 1000, 500], sizes.Select(s => s.Count));
        Assert.All(sizes.SelectMany(s => s), n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task SendAsync_SandboxMode_SendsEnableTrueAndAccepts200()
    {
        using var server = new RecordingHttpServer(new ScriptedResponse(200));

        var receipt = await Sender(server, sandbox: true).SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.Equal("sandbox:rpt-2026-summer-p123.c456", receipt.ProviderMessageId);
        using var json = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(JsonValueKind.True, json.RootElement.GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable").ValueKind);
    }

    [Fact]
    public async Task SendAsync_RetryAndFailure_LogsNeitherKeyNorFullAddress()
    {
        using var server = new RecordingHttpServer(
            new ScriptedResponse(500), new ScriptedResponse(400, """{"errors":[{"message":"bad lukasz.kowalski@example.org"}]}"""));

        await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(_logs.Lines.Count >= 2);
        Assert.DoesNotContain(ApiKey, _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("lukasz.kowalski@", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("office@school", _logs.AllText, StringComparison.Ordinal);
    }

    private static readonly IHttpClientFactory s_http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private SendGridEmailSender Sender(RecordingHttpServer server, bool sandbox = false) => new(
        s_http,
        new SendGridOptions { ApiKey = ApiKey, BaseUrl = server.BaseUrl, SandboxMode = sandbox },
        EmailAddress.Create("default@school.example.org"),
        null,
        _time,
        _logs.CreateLogger<SendGridEmailSender>());
}
