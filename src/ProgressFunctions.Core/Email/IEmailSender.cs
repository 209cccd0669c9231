namespace ProgressFunctions.Core.Email;

/// <summary>The port through which Core sends e-mail; implemented by the outbox folder, SendGrid, Microsoft 365 (Graph) and SMTP.</summary>
/// <remarks>
/// Guarantees every implementation keeps: each recipient receives a copy addressed to them alone (recipients never
/// see each other's addresses); a message over <see cref="EmailLimits.MaxMessageBytes"/> is refused with
/// <see cref="EmailTooLargeException"/> before anything is sent; more than <see cref="EmailLimits.MaxRecipientsPerRequest"/>
/// recipients are split across requests; transient provider failures are retried a bounded number of times;
/// a permanent failure throws <see cref="EmailSendException"/> carrying the provider's own error text. Sending is
/// at-least-once: a crash after the provider accepted but before the caller recorded the receipt can send twice,
/// so callers keep a ledger keyed by (report, recipient) and <see cref="EmailMessage.MessageKey"/>.
/// </remarks>
public interface IEmailSender
{
    Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
