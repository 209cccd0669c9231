using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.Infrastructure.Email.Microsoft365;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Infrastructure.Email.Smtp;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Checks the e-mail settings together at start-up: every problem at once, each one line naming its setting.</summary>
/// <remarks>Provider settings are checked only for the provider <c>Email__Provider</c> names, except that a value
/// which cannot be read at all (a port that is not a number) is always reported.</remarks>
internal sealed class EmailOptionsValidator(
    IConfiguration configuration, IOptions<SendGridOptions> sendGrid, IOptions<Microsoft365Options> microsoft365, IOptions<SmtpOptions> smtp)
    : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        problems.AddRange(SettingsText.Problems(configuration.GetSection(EmailOptions.Section), typeof(EmailOptions)));
        problems.AddRange(SettingsText.Problems(configuration.GetSection(SendGridOptions.Section), typeof(SendGridOptions)));
        problems.AddRange(SettingsText.Problems(configuration.GetSection(Microsoft365Options.Section), typeof(Microsoft365Options)));
        problems.AddRange(SettingsText.Problems(configuration.GetSection(SmtpOptions.Section), typeof(SmtpOptions)));
        bool readable = problems.Count == 0;

        // Addresses and the provider are read from the settings themselves: when another value did not convert, the
        // options hold defaults, yet these rules still apply.
        Address("Email__From", configuration["Email:From"], problems);
        Address("Email__ReplyTo", configuration["Email:ReplyTo"], problems);
        if (readable)
        {
            Attempts("SendGrid__MaxAttempts", sendGrid.Value.MaxAttempts, problems);
        }

        var provider = readable ? options.Provider : ProviderNamed();
        switch (provider)
        {
            case EmailProvider.SendGrid:
                Required("SendGrid__ApiKey", "SendGrid", problems);
                Resolved("SendGrid__ApiKey", problems);
                RequiredFrom("SendGrid", "a verified sender, e.g. 'School Office <office@school.org.uk>'", problems);
                break;
            case EmailProvider.Microsoft365:
                CheckMicrosoft365(readable, problems);
                break;
            case EmailProvider.Smtp:
                CheckSmtp(readable, problems);
                break;
            default:
                break;
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "E-mail settings: " + p));
    }

    private void CheckMicrosoft365(bool readable, List<string> problems)
    {
        if (Required("Microsoft365__Mailbox", "Microsoft365", problems))
        {
            Address("Microsoft365__Mailbox", configuration["Microsoft365:Mailbox"], problems);
        }

        if (!string.IsNullOrWhiteSpace(configuration["Microsoft365:ClientSecret"]))
        {
            Required("Microsoft365__TenantId", "Microsoft365 and Microsoft365__ClientSecret is set", problems);
            Required("Microsoft365__ClientId", "Microsoft365 and Microsoft365__ClientSecret is set", problems);
            Resolved("Microsoft365__ClientSecret", problems);
        }

        if (readable)
        {
            Attempts("Microsoft365__MaxAttempts", microsoft365.Value.MaxAttempts, problems);
        }
    }

    private void CheckSmtp(bool readable, List<string> problems)
    {
        Required("Smtp__Host", "Smtp", problems);
        RequiredFrom("Smtp", "an address the SMTP account may send as", problems);
        if (!string.IsNullOrWhiteSpace(configuration["Smtp:Password"]) && string.IsNullOrWhiteSpace(configuration["Smtp:UserName"]))
        {
            problems.Add("Smtp__UserName is required when Smtp__Password is set.");
        }

        Resolved("Smtp__Password", problems);

        if (!readable)
        {
            return;
        }

        var settings = smtp.Value;
        Attempts("Smtp__MaxAttempts", settings.MaxAttempts, problems);
        if (settings.Port is < 1 or > 65535)
        {
            problems.Add($"Smtp__Port must be from 1 to 65535; it is '{settings.Port}'.");
        }

        if (settings.Security == SmtpSecurity.None && !string.IsNullOrEmpty(settings.UserName) && !IsLoopback(settings.Host))
        {
            problems.Add("Smtp__Security is None, which would send Smtp__Password in the clear to another machine: use StartTls or SslOnConnect.");
        }
    }

    private bool Required(string setting, string when, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(configuration[setting.Replace("__", ":", StringComparison.Ordinal)]))
        {
            return true;
        }

        problems.Add($"{setting} is required when Email__Provider is {when}.");
        return false;
    }

    // App Service leaves a Key Vault reference it could not resolve in place, so the app would send it as the secret.
    private void Resolved(string setting, List<string> problems)
    {
        if (configuration[setting.Replace("__", ":", StringComparison.Ordinal)]?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
        {
            problems.Add($"{setting} is a Key Vault reference that did not resolve: check that the secret exists and that the app's identity may read it.");
        }
    }

    private void RequiredFrom(string provider, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(configuration["Email:From"]))
        {
            problems.Add($"Email__From is required when Email__Provider is {provider} ({what}).");
        }
    }

    private static void Attempts(string setting, int value, List<string> problems)
    {
        if (value is < 1 or > 20)
        {
            problems.Add($"{setting} must be a whole number from 1 to 20; it is '{value}'.");
        }
    }

    private static bool IsLoopback(string host) =>
        host.Trim() is "localhost" or "127.0.0.1" or "::1" or "[::1]";

    private EmailProvider ProviderNamed() =>
        Enum.TryParse<EmailProvider>(configuration["Email:Provider"]?.Trim(), ignoreCase: true, out var provider) ? provider : EmailProvider.Outbox;

    private static void Address(string setting, string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        try
        {
            EmailAddress.Parse(text.Trim());
        }
        catch (ArgumentException ex)
        {
            problems.Add($"{setting} is not a valid address: {ex.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
