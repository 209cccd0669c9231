using System.Collections.Immutable;

namespace ProgressFunctions.Core.Email;

/// <summary>One e-mail as Core asks for it to be sent: addresses, subject, bodies, attachments and tracking data.</summary>
/// <remarks>
/// Immutable, and validated property by property on creation, so a sender never meets a malformed message.
/// <see cref="MessageKey"/> is the caller's stable idempotency key (for a report, derive it from report and recipient ids):
/// the outbox names its file and Message-ID after it, so writing the same key twice leaves one file.
/// <see cref="From"/> and <see cref="ReplyTo"/> may be left null to use the configured <c>Email__From</c> and
/// <c>Email__ReplyTo</c>. Each recipient in <see cref="To"/> receives a copy addressed to them alone.
/// <see cref="CustomArgs"/> must hold only pseudonymous ids: providers echo them in events and logs.
/// </remarks>
public sealed record EmailMessage
{
    /// <summary>The custom argument that carries the report id.</summary>
    public const string ReportIdArg = "report_id";

    /// <summary>The custom argument that carries the recipient's (contact or staff) id.</summary>
    public const string RecipientIdArg = "recipient_id";

    public const int MaxKeyLength = 128;

    public const int MaxCategories = 10;

    public const int MaxCategoryLength = 255;

    /// <summary>ASCII letters, digits, <c>-</c>, <c>_</c> and inner single dots, at most <see cref="MaxKeyLength"/>.</summary>
    public required string MessageKey { get; init => field = ValidKey(value); }

    public EmailAddress? From { get; init; }

    public EmailAddress? ReplyTo { get; init; }

    /// <summary>One or more recipients, each address once.</summary>
    public required IReadOnlyList<EmailAddress> To { get; init => field = ValidRecipients(value); }

    public required string Subject { get; init => field = ValidSubject(value); }

    public required string TextBody { get; init => field = value ?? throw new ArgumentNullException(nameof(TextBody)); }

    /// <summary>The HTML alternative, or null for a plain-text message.</summary>
    public string? HtmlBody { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init => field = [.. value]; } = [];

    /// <summary>Up to <see cref="MaxCategories"/> distinct tags for provider statistics, e.g. <c>progress-report</c>.</summary>
    public IReadOnlyList<string> Categories { get; init => field = ValidCategories(value); } = [];

    /// <summary>Pseudonymous ids echoed by the provider, e.g. <see cref="ReportIdArg"/> and <see cref="RecipientIdArg"/>.</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init => field = ValidArgs(value); } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public string? ReportId => CustomArgs.GetValueOrDefault(ReportIdArg);

    public string? RecipientId => CustomArgs.GetValueOrDefault(RecipientIdArg);

    private static string ValidKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ok = key.Length is > 0 and <= MaxKeyLength && key[0] != '.' && key[^1] != '.'
            && !key.Contains("..", StringComparison.Ordinal)
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return ok ? key : throw new ArgumentException(
            $"Message key '{key}' must be 1-{MaxKeyLength} ASCII letters, digits, '-', '_' or inner single dots.", nameof(MessageKey));
    }

    private static IReadOnlyList<EmailAddress> ValidRecipients(IReadOnlyList<EmailAddress> to)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (to.Count == 0)
        {
            throw new ArgumentException("A message needs at least one recipient.", nameof(To));
        }
        var duplicate = to.GroupBy(a => a.Address, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Recipient {duplicate.First().Masked} appears more than once.", nameof(To));
        }
        return [.. to];
    }

    private static string ValidSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Trim().Length > 0 && !subject.Any(char.IsControl)
            ? subject.Trim()
            : throw new ArgumentException("The subject must be non-empty, on one line, without control characters.", nameof(Subject));
    }

    private static IReadOnlyList<string> ValidCategories(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var distinct = categories.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length > MaxCategories)
        {
            throw new ArgumentException($"A message may carry at most {MaxCategories} categories; it has {distinct.Length}.", nameof(Categories));
        }
        var bad = distinct.FirstOrDefault(c => c.Trim().Length == 0 || c.Length > MaxCategoryLength || c.Any(char.IsControl));
        return bad is null ? distinct : throw new ArgumentException(
            $"Category '{bad}' must be 1-{MaxCategoryLength} characters without control characters.", nameof(Categories));
    }

    private static ImmutableSortedDictionary<string, string> ValidArgs(IReadOnlyDictionary<string, string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var bad = args.FirstOrDefault(a => a.Key.Length == 0 || a.Key.Any(char.IsControl) || a.Value is null || a.Value.Any(char.IsControl));
        if (bad.Key is not null)
        {
            throw new ArgumentException($"Custom argument '{bad.Key}' must have a non-empty name and a value without control characters.", nameof(CustomArgs));
        }
        return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, args);
    }
}
