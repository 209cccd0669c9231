using System.Collections.Concurrent;
using System.Text;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>Accepts every message and keeps it, to check who got what.</summary>
internal sealed class RecordingSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(new SendReceipt
        {
            Provider = "recording",
            MessageKey = message.MessageKey,
            ProviderMessageIds = [message.MessageKey],
            AcceptedAt = DateTimeOffset.UnixEpoch,
            RecipientCount = message.To.Count,
        });
    }
}

/// <summary>Renders a report as its title only: routing tests need to know whose report it is, not its layout.</summary>
internal sealed class TitleRenderer : IReportRenderer
{
    public string ContentType => "text/plain";

    public byte[] Render(ReportDocument document) => Encoding.UTF8.GetBytes(document.Title);

    public static string TitleOf(EmailAttachment attachment) => Encoding.UTF8.GetString(attachment.Content.Span);
}
