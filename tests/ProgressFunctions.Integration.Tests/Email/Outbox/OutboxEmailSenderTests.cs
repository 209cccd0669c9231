using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Integration.Tests.Email.Support;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Email.Outbox;

public sealed class OutboxEmailSenderTests : IDisposable
{
    private readonly string _directory = TestFolders.NewPath("pf-outbox-");
    private readonly CapturingLoggerFactory _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [PythonFact]
    public async Task SendAsync_ReportWithPdf_WritesMimeThatPythonParsesWithEqualAttachment()
    {
        var pdf = TestMessages.SamplePdf;

        var receipt = await Sender().SendAsync(TestMessages.Report(pdf: pdf), CancellationToken.None);

        var eml = Python.ParseEml(Path.Combine(_directory, receipt.ProviderMessageId));
        Assert.Equal("rpt-2026-summer-p123.c456.eml", receipt.ProviderMessageId);
        Assert.Equal(["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"], Strings(eml, "parts"));
        Assert.Empty(Strings(eml, "defects"));
        Assert.Equal("Progress report for Zoë Ní Bhriain – summer term", eml.GetProperty("subject").GetString());
        var to = Assert.Single(eml.GetProperty("to").EnumerateArray());
        Assert.Equal("Łukasz Kowalski", to.GetProperty("name").GetString());
        Assert.Equal("lukasz.kowalski@example.org", to.GetProperty("address").GetString());
        Assert.Equal("<rpt-2026-summer-p123.c456@school.example.org>", eml.GetProperty("message_id").GetString());
        Assert.Equal("2026-06-01T10:00:00+00:00", eml.GetProperty("date").GetString());
        Assert.Equal("1.0", eml.GetProperty("mime_version").GetString());
        Assert.Equal(TestMessages.Report().TextBody, eml.GetProperty("text").GetString()!.Replace("\r\n", "\n", StringComparison.Ordinal));
        var attachment = Assert.Single(eml.GetProperty("attachments").EnumerateArray());
        Assert.Equal("Łukasz Kowalski – raport.pdf", attachment.GetProperty("filename").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("content_type").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), attachment.GetProperty("sha256").GetString());
        Assert.True(eml.GetProperty("ascii").GetBoolean());
        Assert.False(eml.GetProperty("bare_lf").GetBoolean());
        var longest = File.ReadAllText(Path.Combine(_directory, receipt.ProviderMessageId)).Split("\r\n").MaxBy(l => l.Length)!;
        Assert.True(longest.Length <= 78, $"Longest line has {longest.Length} characters: {longest}");
        Assert.Equal(longest.Length, eml.GetProperty("max_line").GetInt32());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(56)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(114)]
    [InlineData(4097)]
    public async Task SendAsync_AttachmentOfSize_DecodesToTheSameBytesInLinesOf76Characters(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);

        var receipt = await Sender().SendAsync(TestMessages.Report(pdf: bytes), CancellationToken.None);

        using var written = MimeKit.MimeMessage.Load(Path.Combine(_directory, receipt.ProviderMessageId));
        var part = Assert.IsType<MimeKit.MimePart>(Assert.Single(written.Attachments));
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        Assert.Equal(bytes, decoded.ToArray());
        using var encoded = new MemoryStream();
        part.Content.WriteTo(encoded);
        var lines = System.Text.Encoding.ASCII.GetString(encoded.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], line => Assert.Equal(76, line.Length));
        Assert.InRange(lines[^1].Length, 4, 76);
    }

    [PythonFact]
    public async Task SendAsync_PlainTextOnly_WritesSingleTextPart()
    {
        var message = TestMessages.Report() with { HtmlBody = null, Attachments = [] };

        var receipt = await Sender().SendAsync(message, CancellationToken.None);

        var eml = Python.ParseEml(Path.Combine(_directory, receipt.ProviderMessageId));
        Assert.Equal(["text/plain"], Strings(eml, "parts"));
        Assert.Empty(Strings(eml, "defects"));
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_LeavesOneIdenticalFileAndOneIndexRow()
    {
        var sender = Sender();

        var first = await sender.SendAsync(TestMessages.Report(), CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_directory, first.ProviderMessageId));
        var second = await sender.SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.Equal(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_directory, second.ProviderMessageId)));
        Assert.Equal(["index.csv", "rpt-2026-summer-p123.c456.eml"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
        var index = await File.ReadAllLinesAsync(Path.Combine(_directory, "index.csv"));
        Assert.Equal(
            [OutboxIndex.HeaderLine, "2026-06-01T10:00:00Z,rpt-2026-summer-p123.c456.eml,rpt-2026-summer-p123.c456,r-123,c-456,lukasz.kowalski@example.org"],
            index);
    }

    [Fact]
    public async Task SendAsync_ThreeRecipients_WritesOneFileEachAddressedToOneRecipient()
    {
        var message = TestMessages.Report(to: TestMessages.Parents(3));

        var receipt = await Sender().SendAsync(message, CancellationToken.None);

        Assert.Equal(3, receipt.ProviderMessageIds.Count);
        Assert.Equal(3, receipt.ProviderMessageIds.Distinct().Count());
        for (var i = 0; i < 3; i++)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(_directory, receipt.ProviderMessageIds[i]));
            var toLines = text.Split("\r\n").Where(l => l.StartsWith("To:", StringComparison.Ordinal)).ToList();
            Assert.Equal([$"To: Parent {i + 1} <parent{i + 1}@example.org>"], toLines);
        }
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_directory, "index.csv")).Length);
    }

    [Fact]
    public async Task SendAsync_Any_LogsNoFullAddressAndLeavesNoTemporaryFile()
    {
        await Sender().SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain("@example.org", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("lukasz", _logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task SendAsync_FolderRemovedBetweenSends_MadeAgainWithTheMessageAndItsIndexRow()
    {
        var sender = Sender();
        await sender.SendAsync(TestMessages.Report(), CancellationToken.None);
        Directory.Delete(_directory, recursive: true);

        var receipt = await sender.SendAsync(TestMessages.Report(to: TestMessages.Parents(1)), CancellationToken.None);

        Assert.Equal(["index.csv", receipt.ProviderMessageId], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_directory, "index.csv")).Length);
    }

    [Fact]
    public async Task SendAsync_Oversize_RefusesAndWritesNothing()
    {
        var message = TestMessages.Report(pdf: new byte[23_000_000]);

        var error = await Assert.ThrowsAsync<EmailTooLargeException>(() => Sender().SendAsync(message, CancellationToken.None));

        Assert.Contains("30.7 MB", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFiles(_directory).Any());
    }

    [Fact]
    public async Task SendAsync_FirstMessagesIntoAMissingFolderAtOnce_EveryOneWritten()
    {
        // The outbox folder is made by the first send that finds it missing; sends racing to make it must all succeed.
        for (var round = 0; round < 40; round++)
        {
            var folder = Path.Combine(_directory, $"round-{round}");
            var sender = new OutboxEmailSender(folder, EmailAddress.Create("noreply@outbox.invalid"), null, new SteppingTimeProvider(TestMessages.Now), _logs.CreateLogger<OutboxEmailSender>());

            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => sender.SendAsync(TestMessages.Report(key: $"rpt.{i}"), CancellationToken.None))));

            Assert.Equal(8, Directory.GetFiles(folder, "*.eml").Length);
        }
    }

    private OutboxEmailSender Sender() => new(
        _directory, EmailAddress.Create("noreply@outbox.invalid"), null, new SteppingTimeProvider(TestMessages.Now), _logs.CreateLogger<OutboxEmailSender>());

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
