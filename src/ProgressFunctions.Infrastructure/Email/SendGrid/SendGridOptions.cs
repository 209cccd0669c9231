namespace ProgressFunctions.Infrastructure.Email.SendGrid;

/// <summary>Settings of the SendGrid adapter (<c>SendGrid__*</c>).</summary>
/// <remarks><see cref="ToString"/> never prints <see cref="ApiKey"/>, only whether one is set.</remarks>
public sealed record SendGridOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://api.sendgrid.com/");

    /// <summary>Secret: from an environment variable or a key vault reference, never from a committed file.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>API root; <c>https://api.eu.sendgrid.com/</c> for EU regional subusers, a local server in tests.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>SendGrid validates the request and answers 200 but delivers nothing.</summary>
    public bool SandboxMode { get; init; }

    /// <summary>Attempts per request, counting the first, before a 429 or 5xx is given up.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First back-off when the response names no wait; doubled per attempt.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait; a rate-limit reset further away than this is given up at once.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    public override string ToString() =>
        $"SendGridOptions {{ ApiKey = {(ApiKey.Length > 0 ? "(set)" : "(not set)")}, BaseUrl = {BaseUrl}, SandboxMode = {SandboxMode}, "
        + $"MaxAttempts = {MaxAttempts}, InitialRetryDelay = {InitialRetryDelay}, MaxRetryDelay = {MaxRetryDelay} }}";
}
