using System.Globalization;
using Microsoft.Extensions.Configuration;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Email.SendGrid;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>The e-mail settings read from configuration and checked together.</summary>
/// <remarks>
/// Keys use <c>:</c> in configuration and <c>__</c> in environment variables: <c>Email:Provider</c>,
/// <c>Email:From</c>, <c>Email:ReplyTo</c>, <c>Email:OutboxDirectory</c>, <c>SendGrid:ApiKey</c>,
/// <c>SendGrid:BaseUrl</c>, <c>SendGrid:SandboxMode</c>, <c>SendGrid:MaxAttempts</c>. <see cref="Load"/> reports
/// every problem at once, each naming its environment variable, so one fix-and-run cycle is enough.
/// </remarks>
public sealed record EmailSettings(EmailOptions Email, SendGridOptions SendGrid)
{
    public static EmailSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var providerText = Text(configuration, "Email:Provider");
        var provider = EmailProvider.Outbox;
        if (providerText is not null && (!providerText.All(char.IsAsciiLetter) || !Enum.TryParse(providerText, ignoreCase: true, out provider)))
        {
            problems.Add($"Email__Provider must be Outbox or SendGrid; it is '{providerText}'.");
        }
        var from = Address(configuration, "Email:From", problems);
        var replyTo = Address(configuration, "Email:ReplyTo", problems);
        var apiKey = Text(configuration, "SendGrid:ApiKey") ?? "";
        if (provider == EmailProvider.SendGrid)
        {
            if (apiKey.Length == 0)
            {
                problems.Add("SendGrid__ApiKey is required when Email__Provider is SendGrid.");
            }
            if (Text(configuration, "Email:From") is null)
            {
                problems.Add("Email__From is required when Email__Provider is SendGrid (a verified sender, e.g. 'School Office <office@school.org.uk>').");
            }
        }

        var baseUrl = SendGridOptions.DefaultBaseUrl;
        if (Text(configuration, "SendGrid:BaseUrl") is { } urlText)
        {
            if (Uri.TryCreate(urlText.EndsWith('/') ? urlText : urlText + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http")
            {
                baseUrl = parsed;
            }
            else
            {
                problems.Add($"SendGrid__BaseUrl must be an absolute http(s) URL; it is '{urlText}'.");
            }
        }
        var sandbox = false;
        if (Text(configuration, "SendGrid:SandboxMode") is { } sandboxText && !bool.TryParse(sandboxText, out sandbox))
        {
            problems.Add($"SendGrid__SandboxMode must be true or false; it is '{sandboxText}'.");
        }
        var attempts = 5;
        if (Text(configuration, "SendGrid:MaxAttempts") is { } attemptsText
            && (!int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts is < 1 or > 20))
        {
            problems.Add($"SendGrid__MaxAttempts must be a whole number from 1 to 20; it is '{attemptsText}'.");
        }

        if (problems.Count > 0)
        {
            throw new EmailConfigurationException(problems);
        }
        var email = new EmailOptions
        {
            Provider = provider,
            From = from ?? EmailOptions.DefaultOutboxFrom,
            ReplyTo = replyTo,
            OutboxDirectory = Text(configuration, "Email:OutboxDirectory") ?? "outbox",
        };
        return new EmailSettings(email, new SendGridOptions { ApiKey = apiKey, BaseUrl = baseUrl, SandboxMode = sandbox, MaxAttempts = attempts });
    }

    private static string? Text(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static EmailAddress? Address(IConfiguration configuration, string key, List<string> problems)
    {
        if (Text(configuration, key) is not { } text)
        {
            return null;
        }
        try
        {
            return EmailAddress.Parse(text);
        }
        catch (ArgumentException ex)
        {
            problems.Add($"{key.Replace(":", "__", StringComparison.Ordinal)} is not a valid address: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }
    }
}

/// <summary>The e-mail settings are missing or wrong; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class EmailConfigurationException(IReadOnlyList<string> problems)
    : InvalidOperationException("E-mail settings are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
