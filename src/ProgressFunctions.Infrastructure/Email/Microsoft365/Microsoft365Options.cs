namespace ProgressFunctions.Infrastructure.Email.Microsoft365;

/// <summary>Settings of the Microsoft 365 adapter (<c>Microsoft365__*</c>), bound from configuration section <c>Microsoft365</c>.</summary>
/// <remarks>
/// The app signs in to Microsoft Graph with an app registration when <see cref="ClientSecret"/> is set (then
/// <see cref="TenantId"/> and <see cref="ClientId"/> name it); otherwise with a managed identity: the user-assigned
/// one <see cref="ClientId"/> names, or the host's own credential (in Azure the Function App's identity, locally
/// <c>az login</c> or the <c>AZURE_*</c> variables). <see cref="ToString"/> never prints the secret or the mailbox.
/// </remarks>
public sealed class Microsoft365Options
{
    public const string Section = "Microsoft365";

    public static readonly Uri DefaultBaseUrl = new("https://graph.microsoft.com/v1.0/");

    /// <summary>The school's shared mailbox, e.g. <c>office@school.org.uk</c>: the sender of messages that name none.</summary>
    public string Mailbox { get; set; } = "";

    /// <summary>The Entra ID tenant (directory) id of the app registration; needed with <see cref="ClientSecret"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's application (client) id, or a user-assigned managed identity's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Secret of the app registration: from the environment or a key vault, never from a committed file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Graph root; a local server in tests.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Keep a copy of each message in the mailbox's Sent Items.</summary>
    public bool SaveToSentItems { get; set; } = true;

    /// <summary>Attempts per message, counting the first, before a 429 or 5xx is given up (1 to 20).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First back-off when Graph names no wait (no <c>Retry-After</c>); doubled per attempt.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single wait; a <c>Retry-After</c> longer than this is given up at once (the message is retried later).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Whether the app signs in with its own secret rather than a managed identity.</summary>
    public bool UsesClientSecret => !string.IsNullOrWhiteSpace(ClientSecret);

    public override string ToString() =>
        $"Microsoft365Options {{ Mailbox = {(Mailbox.Length > 0 ? "(set)" : "(not set)")}, TenantId = {TenantId ?? "(not set)"}, ClientId = {ClientId ?? "(not set)"}, "
        + $"ClientSecret = {(UsesClientSecret ? "(set)" : "(not set)")}, BaseUrl = {BaseUrl}, SaveToSentItems = {SaveToSentItems}, MaxAttempts = {MaxAttempts} }}";
}
