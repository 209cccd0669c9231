namespace ProgressFunctions.Infrastructure.Email.SendGrid;

/// <summary>Settings of the SendGrid adapter (<c>SendGrid__*</c>), bound from configuration section <c>SendGrid</c>.</summary>
/// <remarks><see cref="ToString"/> never prints <see cref="ApiKey"/>, only whether one is set.</remarks>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    public static readonly Uri DefaultBaseUrl = new("https://api.sendgrid.com/");

    /// <summary>Secret: from an environment variable or a key vault reference, never from a committed file.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>API root; <c>https://api.eu.sendgrid.com/</c> for EU regional subusers, a local server in tests.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>SendGrid validates the request and answers 200 but delivers nothing.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Attempts per request, counting the first, before a 429 or 5xx is given up (1 to 20).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First back-off when the response names no wait; doubled per attempt.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait; a rate-limit reset further away than this is given up at once.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    public override string ToString() =>
        $"SendGridOptions {{ ApiKey = {(ApiKey.Length > 0 ? "(set)" : "(not set)")}, BaseUrl = {BaseUrl}, SandboxMode = {SandboxMode}, "
        + $"MaxAttempts = {MaxAttempts}, InitialRetryDelay = {InitialRetryDelay}, MaxRetryDelay = {MaxRetryDelay} }}";
}
