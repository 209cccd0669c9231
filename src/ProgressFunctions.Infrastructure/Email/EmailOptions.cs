using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Which adapter sends e-mail (<c>Email__Provider</c>).</summary>
public enum EmailProvider
{
    /// <summary>The embedded default: <c>.eml</c> files in a folder, nothing leaves the machine.</summary>
    Outbox,

    /// <summary>The SendGrid v3 Mail Send API.</summary>
    SendGrid,
}

/// <summary>Provider-independent e-mail settings (<c>Email__*</c>).</summary>
public sealed record EmailOptions
{
    /// <summary>The outbox's sender when <c>Email__From</c> is not set; the reserved .invalid domain cannot receive mail.</summary>
    public static readonly EmailAddress DefaultOutboxFrom = EmailAddress.Create("noreply@outbox.invalid", "ProgressFunctions");

    public EmailProvider Provider { get; init; } = EmailProvider.Outbox;

    /// <summary>Sender of messages that name none; with SendGrid it must be a verified sender identity.</summary>
    public EmailAddress From { get; init; } = DefaultOutboxFrom;

    public EmailAddress? ReplyTo { get; init; }

    /// <summary>Folder of the outbox adapter, relative to the working directory unless absolute.</summary>
    public string OutboxDirectory { get; init; } = "outbox";
}
