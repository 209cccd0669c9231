namespace ProgressFunctions.Core.Email;

/// <summary>What a sender returns once the provider has taken a message.</summary>
/// <remarks>
/// A receipt means the provider accepted the message for delivery (SendGrid: 202 Accepted, queued), or the outbox
/// wrote it to disk; it never means the message was delivered. <see cref="ProviderMessageId"/> is the first id;
/// <see cref="ProviderMessageIds"/> holds one per provider request or file when the sender had to split the message.
/// Callers record it against (report, recipient) so that a retried job does not send again.
/// </remarks>
public sealed record SendReceipt
{
    public required string Provider { get; init; }

    public required string MessageKey { get; init; }

    public required IReadOnlyList<string> ProviderMessageIds
    {
        get;
        init => field = value.Count > 0 ? [.. value] : throw new ArgumentException("A receipt needs at least one provider message id.", nameof(value));
    }

    public required DateTimeOffset AcceptedAt { get; init; }

    public required int RecipientCount { get; init; }

    public string ProviderMessageId => ProviderMessageIds[0];
}
