namespace ProgressFunctions.Core.Email;

/// <summary>A message could not be handed to the provider.</summary>
/// <remarks>
/// <see cref="IsTransient"/> is true when trying again later may succeed (rate limit or server error after the
/// sender's own retries ran out); false when the message or the account must change first. The message text never
/// holds an API key or a full e-mail address.
/// </remarks>
public class EmailSendException : Exception
{
    public EmailSendException(string message, bool isTransient, int? statusCode = null, IReadOnlyList<string>? providerErrors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        StatusCode = statusCode;
        ProviderErrors = providerErrors ?? [];
    }

    public bool IsTransient { get; }

    public int? StatusCode { get; }

    public IReadOnlyList<string> ProviderErrors { get; }
}

/// <summary>The message is too large for any provider request; it was not sent.</summary>
public sealed class EmailTooLargeException : EmailSendException
{
    public EmailTooLargeException(string messageKey, long sizeBytes)
        : base($"Message '{messageKey}' is {EmailLimits.Describe(sizeBytes)} including base64-encoded attachments; "
            + $"the limit is under {EmailLimits.Describe(EmailLimits.MaxMessageBytes)}. Send the attachments separately or make them smaller.",
            isTransient: false)
    {
        MessageKey = messageKey;
        SizeBytes = sizeBytes;
    }

    public string MessageKey { get; }

    public long SizeBytes { get; }
}
