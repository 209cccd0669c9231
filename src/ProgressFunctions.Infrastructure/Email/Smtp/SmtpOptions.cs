namespace ProgressFunctions.Infrastructure.Email.Smtp;

/// <summary>How the SMTP connection is secured (<c>Smtp__Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in the clear, then upgrade with STARTTLS, which the server must offer (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on the same machine or network (port 25), never across the internet.</summary>
    None,
}

/// <summary>Settings of the SMTP adapter (<c>Smtp__*</c>), bound from configuration section <c>Smtp</c>.</summary>
/// <remarks>
/// For Google Workspace: <c>smtp-relay.gmail.com</c> (the SMTP relay service) or <c>smtp.gmail.com</c> with an app
/// password, port 587, <see cref="SmtpSecurity.StartTls"/>. Without <see cref="UserName"/> the client does not
/// authenticate (a relay that trusts the sender's IP address). <see cref="ToString"/> never prints the password.
/// </remarks>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    /// <summary>Secret: from the environment or a key vault, never from a committed file.</summary>
    public string? Password { get; set; }

    /// <summary>Attempts per message, counting the first, before a temporary (4xx) reply or a lost connection is given up (1 to 20).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First back-off after a temporary failure; doubled per attempt, at most a minute.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one connection, command or reply may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public override string ToString() =>
        $"SmtpOptions {{ Host = {Host}, Port = {Port}, Security = {Security}, UserName = {(string.IsNullOrEmpty(UserName) ? "(not set)" : "(set)")}, "
        + $"Password = {(string.IsNullOrEmpty(Password) ? "(not set)" : "(set)")}, MaxAttempts = {MaxAttempts} }}";
}
