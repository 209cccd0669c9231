using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.Infrastructure.Email.SendGrid;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Checks the e-mail settings together at start-up: every problem at once, each one line naming its setting.</summary>
internal sealed class EmailOptionsValidator(IConfiguration configuration, IOptions<SendGridOptions> sendGrid) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        problems.AddRange(SettingsText.Problems(configuration.GetSection(EmailOptions.Section), typeof(EmailOptions)));
        problems.AddRange(SettingsText.Problems(configuration.GetSection(SendGridOptions.Section), typeof(SendGridOptions)));
        bool readable = problems.Count == 0;

        // Addresses and the provider are read from the settings themselves: when another value did not convert, the
        // options hold defaults, yet these rules still apply.
        Address("Email__From", configuration["Email:From"], problems);
        Address("Email__ReplyTo", configuration["Email:ReplyTo"], problems);
        if (readable && sendGrid.Value.MaxAttempts is < 1 or > 20)
        {
            problems.Add($"SendGrid__MaxAttempts must be a whole number from 1 to 20; it is '{sendGrid.Value.MaxAttempts}'.");
        }

        if ((readable ? options.Provider : ProviderNamed()) == EmailProvider.SendGrid)
        {
            if (string.IsNullOrWhiteSpace(configuration["SendGrid:ApiKey"]))
            {
                problems.Add("SendGrid__ApiKey is required when Email__Provider is SendGrid.");
            }

            if (string.IsNullOrWhiteSpace(configuration["Email:From"]))
            {
                problems.Add("Email__From is required when Email__Provider is SendGrid (a verified sender, e.g. 'School Office <office@school.org.uk>').");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "E-mail settings: " + p));
    }

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
