using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using MimeKit;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.Smtp;
using ProgressFunctions.Integration.Tests.Email.Support;
using SmtpServer.Protocol;

namespace ProgressFunctions.Integration.Tests.Email.Smtp;

/// <summary>The SMTP adapter against a real SMTP server on 127.0.0.1; what the server received is parsed back with MimeKit.</summary>
public sealed class SmtpEmailSenderTests
{
    private const string Password = "app-password-must-never-be-logged";

    private readonly CapturingLoggerFactory _logs = new();
    private readonly SteppingTimeProvider _time = new(TestMessages.Now);

    [Fact]
    public async Task SendAsync_Report_ServerReceivesTheMimeMessageWithItsAttachmentIntact()
    {
        using var server = new LocalSmtpServer(("office@school.example.org", Password));
        var pdf = TestMessages.SamplePdf;

        var receipt = await Sender(server, user: "office@school.example.org").SendAsync(TestMessages.Report(pdf: pdf), CancellationToken.None);

        var mail = Assert.Single(server.Received);
        Assert.Equal(("office@school.example.org", "office@school.example.org"), (mail.MailFrom, mail.User));
        Assert.Equal(["lukasz.kowalski@example.org"], mail.RcptTo);
        var mime = await MimeMessage.LoadAsync(new MemoryStream(mail.Data));
        Assert.Equal("Progress report for Zoë Ní Bhriain – summer term", mime.Subject);
        Assert.Equal(("St Siobhán's School, Office", "office@school.example.org"), Mailbox(mime.From));
        Assert.Equal(("", "progress@school.example.org"), Mailbox(mime.ReplyTo));
        Assert.Equal(("Łukasz Kowalski", "lukasz.kowalski@example.org"), Mailbox(mime.To));
        Assert.Equal("rpt-2026-summer-p123.c456@school.example.org", mime.MessageId);
        Assert.Equal(["rpt-2026-summer-p123.c456@school.example.org"], receipt.ProviderMessageIds);
        Assert.Contains("Attendance: 96.4% = on track.", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Dear Łukasz,</p>", mime.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(mime.Attachments));
        Assert.Equal(("Łukasz Kowalski – raport.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(SHA256.HashData(pdf), SHA256.HashData(content.ToArray()));
    }

    [Fact]
    public async Task SendAsync_ThreeRecipientsDefaultSender_EachGetsACopyAddressedToThemAlone()
    {
        using var server = new LocalSmtpServer();
        var message = TestMessages.Report(to: TestMessages.Parents(3)) with { From = null, ReplyTo = null };

        var receipt = await Sender(server).SendAsync(message, CancellationToken.None);

        Assert.Equal(3, receipt.ProviderMessageIds.Distinct().Count());
        Assert.Equal(1, server.Sessions);
        var copies = server.Received.Select(m => (m.RcptTo, Mime: MimeMessage.Load(new MemoryStream(m.Data)))).ToList();
        Assert.Equal(["parent1@example.org", "parent2@example.org", "parent3@example.org"], copies.Select(c => Assert.Single(c.RcptTo)));
        Assert.All(copies, c => Assert.Equal(c.RcptTo[0], Assert.Single(c.Mime.To.Mailboxes).Address));
        Assert.All(copies, c => Assert.Equal(("Reports", "reports@trust.example.org"), Mailbox(c.Mime.From)));
        Assert.All(copies, c => Assert.Empty(c.Mime.ReplyTo));
    }

    [Fact]
    public async Task SendAsync_TemporaryReply_RetriesOnANewConnectionAndSendsOnce()
    {
        using var server = new LocalSmtpServer(null, new SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later"));

        var receipt = await Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None);

        Assert.Single(server.Received);
        Assert.Equal(2, server.Sessions);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.Waits);
        Assert.Single(receipt.ProviderMessageIds);
    }

    [Fact]
    public async Task SendAsync_SecondCopyDeferred_ResendsOnlyTheCopiesNotTaken()
    {
        using var server = new LocalSmtpServer(null, SmtpResponse.Ok, new SmtpResponse((SmtpReplyCode)452, "4.3.1 Insufficient system storage"));

        await Sender(server).SendAsync(TestMessages.Report(to: TestMessages.Parents(3)), CancellationToken.None);

        Assert.Equal(["parent1@example.org", "parent2@example.org", "parent3@example.org"], server.Received.Select(m => m.RcptTo.Single()));
    }

    [Fact]
    public async Task SendAsync_PermanentReply_FailsAtOnceWithTheServersText()
    {
        using var server = new LocalSmtpServer(null, new SmtpResponse((SmtpReplyCode)554, "5.7.1 Message rejected for lukasz.kowalski@example.org"));

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(server).SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(554, error.StatusCode);
        Assert.Contains("5.7.1 Message rejected for l***@example.org", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
        Assert.Equal(1, server.Sessions);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_FailsAtOnceAndLogsNoSecret()
    {
        using var server = new LocalSmtpServer(("office@school.example.org", "the-right-one"));

        var error = await Assert.ThrowsAsync<EmailSendException>(
            () => Sender(server, user: "office@school.example.org").SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Empty(server.Received);
        Assert.DoesNotContain(Password, _logs.AllText + error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lukasz.kowalski@", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("office@school", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoServerListening_GivesUpAsTransientAfterMaxAttempts()
    {
        int port;
        using (var server = new LocalSmtpServer())
        {
            port = server.Port;
        }

        var sender = new SmtpEmailSender(
            new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, MaxAttempts = 2, Timeout = TimeSpan.FromSeconds(5) },
            EmailAddress.Create("reports@trust.example.org"), null, _time, _logs.CreateLogger<SmtpEmailSender>());

        var error = await Assert.ThrowsAsync<EmailSendException>(() => sender.SendAsync(TestMessages.Report(), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.Waits);
    }

    [Fact]
    public async Task SendAsync_Oversize_RefusedBeforeConnecting()
    {
        using var server = new LocalSmtpServer();

        await Assert.ThrowsAsync<EmailTooLargeException>(() => Sender(server).SendAsync(TestMessages.Report(pdf: new byte[22_500_000]), CancellationToken.None));

        Assert.Equal(0, server.Sessions);
    }

    private static (string Name, string Address) Mailbox(InternetAddressList list)
    {
        var mailbox = Assert.Single(list.Mailboxes);
        return (mailbox.Name ?? "", mailbox.Address);
    }

    private SmtpEmailSender Sender(LocalSmtpServer server, string? user = null) => new(
        new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, UserName = user, Password = user is null ? null : Password },
        EmailAddress.Create("reports@trust.example.org", "Reports"),
        null,
        _time,
        _logs.CreateLogger<SmtpEmailSender>());
}
