using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Which adapter sends e-mail (<c>Email__Provider</c>).</summary>
public enum EmailProvider
{
    /// <summary>The embedded default: <c>.eml</c> files in a folder, nothing leaves the machine.</summary>
    Outbox,

    /// <summary>The SendGrid v3 Mail Send API.</summary>
    SendGrid,

    /// <summary>Microsoft Graph <c>sendMail</c>, from the school's shared mailbox in Microsoft 365.</summary>
    Microsoft365,

    /// <summary>An SMTP server: Google Workspace's relay or smtp.gmail.com, or a local relay.</summary>
    Smtp,
}

/// <summary>Provider-independent e-mail settings (<c>Email__*</c>), bound from configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The outbox's sender when neither the message (the school's own sender) nor <c>Email__From</c> names one.</summary>
    /// <remarks>Only the outbox, which sends nothing, has a built-in sender: every provider that delivers needs a real one
    /// configured (<c>Email__From</c>, or <c>Microsoft365__Mailbox</c>), which the validator checks at start-up.</remarks>
    public static readonly EmailAddress DefaultOutboxFrom = EmailAddress.Create("noreply@school.example", "ProgressFunctions");

    public EmailProvider Provider { get; set; } = EmailProvider.Outbox;

    /// <summary>Sender of messages that name none, e.g. <c>School Office &lt;office@school.org.uk&gt;</c>; with SendGrid
    /// a verified sender identity, with SMTP an address the account may send as, with Microsoft 365 a mailbox the app may send from.</summary>
    public string? From { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>Folder of the outbox adapter, relative to the working directory unless absolute.</summary>
    public string OutboxDirectory { get; set; } = "outbox";

    /// <summary><see cref="From"/> parsed (the validator has checked it), or <see cref="DefaultOutboxFrom"/>.</summary>
    public EmailAddress FromAddress => From is { Length: > 0 } from ? EmailAddress.Parse(from.Trim()) : DefaultOutboxFrom;

    public EmailAddress? ReplyToAddress => ReplyTo is { Length: > 0 } replyTo && replyTo.Trim().Length > 0 ? EmailAddress.Parse(replyTo.Trim()) : null;

    /// <summary>The settings without addresses, for logs.</summary>
    public override string ToString() =>
        $"EmailOptions {{ Provider = {Provider}, From = {(From is { Length: > 0 } ? "(set)" : "(default)")}, OutboxDirectory = {OutboxDirectory} }}";
}
