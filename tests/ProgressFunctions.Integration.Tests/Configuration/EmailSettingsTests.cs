using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.Infrastructure.Email;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Email.Microsoft365;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Infrastructure.Email.Smtp;

namespace ProgressFunctions.Integration.Tests.Configuration;

public class EmailSettingsTests
{
    [Fact]
    public void Options_Nothing_IsOutboxWithDefaults()
    {
        using var services = Settings.Services();
        services.ValidateSettings();

        var email = Settings.Options<EmailOptions>(services);
        var sendGrid = Settings.Options<SendGridOptions>(services);
        Assert.Equal(EmailProvider.Outbox, email.Provider);
        Assert.Equal("outbox", email.OutboxDirectory);
        Assert.Equal(EmailOptions.DefaultOutboxFrom, email.FromAddress);
        Assert.DoesNotContain(".invalid", email.FromAddress.Address, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://api.sendgrid.com/"), sendGrid.BaseUrl);
        Assert.False(sendGrid.SandboxMode);
    }

    [Theory]
    [InlineData("Email__Provider=SendGrid", "SendGrid__ApiKey is required when Email__Provider is SendGrid.")]
    [InlineData("Email__Provider=SendGrid", "Email__From is required when Email__Provider is SendGrid")]
    [InlineData("Email__Provider=Gmail", "Email__Provider must be Outbox or SendGrid or Microsoft365 or Smtp; it is 'Gmail'.")]
    [InlineData("Email__Provider=1", "Email__Provider must be Outbox or SendGrid or Microsoft365 or Smtp; it is '1'.")]
    [InlineData("Email__Provider=Microsoft365", "Microsoft365__Mailbox is required when Email__Provider is Microsoft365.")]
    [InlineData("Email__Provider=Microsoft365|Microsoft365__Mailbox=office", "Microsoft365__Mailbox is not a valid address")]
    [InlineData("Email__Provider=Microsoft365|Microsoft365__Mailbox=office@school.example.org|Microsoft365__ClientSecret=s",
        "Microsoft365__TenantId is required when Email__Provider is Microsoft365 and Microsoft365__ClientSecret is set.")]
    [InlineData("Email__Provider=Microsoft365|Microsoft365__Mailbox=office@school.example.org|Microsoft365__ClientSecret=s",
        "Microsoft365__ClientId is required when Email__Provider is Microsoft365 and Microsoft365__ClientSecret is set.")]
    [InlineData("Microsoft365__BaseUrl=graph", "Microsoft365__BaseUrl must be an absolute http(s) URL; it is 'graph'.")]
    [InlineData("Microsoft365__SaveToSentItems=no", "Microsoft365__SaveToSentItems must be true or false; it is 'no'.")]
    [InlineData("Email__Provider=Microsoft365|Microsoft365__Mailbox=office@school.example.org|Microsoft365__MaxAttempts=21",
        "Microsoft365__MaxAttempts must be a whole number from 1 to 20; it is '21'.")]
    [InlineData("Email__Provider=Smtp", "Smtp__Host is required when Email__Provider is Smtp.")]
    [InlineData("Email__Provider=Smtp", "Email__From is required when Email__Provider is Smtp")]
    [InlineData("Email__Provider=Smtp|Smtp__Host=smtp.gmail.com|Email__From=office@school.example.org|Smtp__Password=p", "Smtp__UserName is required when Smtp__Password is set.")]
    [InlineData("Email__Provider=Smtp|Smtp__Host=smtp.gmail.com|Email__From=office@school.example.org|Smtp__Port=70000", "Smtp__Port must be from 1 to 65535; it is '70000'.")]
    [InlineData("Email__Provider=Smtp|Smtp__Host=smtp.gmail.com|Email__From=office@school.example.org|Smtp__UserName=office@school.example.org|Smtp__Password=@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/smtp-password)",
        "Smtp__Password is a Key Vault reference that did not resolve: check that the secret exists and that the app's identity may read it.")]
    [InlineData("Smtp__Port=submission", "Smtp__Port must be a whole number; it is 'submission'.")]
    [InlineData("Smtp__Security=Tls", "Smtp__Security must be StartTls or SslOnConnect or None; it is 'Tls'.")]
    [InlineData("Email__Provider=Smtp|Smtp__Host=smtp.gmail.com|Email__From=office@school.example.org|Smtp__Security=None|Smtp__UserName=office@school.example.org",
        "Smtp__Security is None, which would send Smtp__Password in the clear to another machine: use StartTls or SslOnConnect.")]
    [InlineData("Email__From=not-an-address", "Email__From is not a valid address")]
    [InlineData("Email__ReplyTo=a@b", "Email__ReplyTo is not a valid address")]
    [InlineData("SendGrid__BaseUrl=ftp://x.org", "SendGrid__BaseUrl must be an absolute http(s) URL; it is 'ftp://x.org'.")]
    [InlineData("SendGrid__SandboxMode=yes", "SendGrid__SandboxMode must be true or false; it is 'yes'.")]
    [InlineData("SendGrid__MaxAttempts=0", "SendGrid__MaxAttempts must be a whole number from 1 to 20; it is '0'.")]
    [InlineData("SendGrid__MaxAttempts=five", "SendGrid__MaxAttempts must be a whole number; it is 'five'.")]
    public void ValidateSettings_BadSetting_NamesIt(string settings, string expected)
    {
        var failures = Settings.Failures(settings.Split('|'));

        Assert.Contains(failures, f => f.EndsWith(expected, StringComparison.Ordinal) || f.Contains(": " + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSettings_SendGridWithoutKeyOrFrom_ReportsBothAtOnce()
    {
        var failures = Settings.Failures("Email__Provider=SendGrid");

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("SendGrid__ApiKey", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Email__From", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_SendGridComplete_ReadsEverySetting()
    {
        using var services = Settings.Services(
            "Email__Provider=sendgrid", "Email__From=St Mary's Office <office@stmarys.example.org>", "Email__ReplyTo=head@stmarys.example.org",
            "SendGrid__ApiKey=SG.secret", "SendGrid__BaseUrl=http://127.0.0.1:9999", "SendGrid__SandboxMode=true", "SendGrid__MaxAttempts=3");
        services.ValidateSettings();

        var email = Settings.Options<EmailOptions>(services);
        var sendGrid = Settings.Options<SendGridOptions>(services);
        Assert.Equal(EmailProvider.SendGrid, email.Provider);
        Assert.Equal(("office@stmarys.example.org", "St Mary's Office"), (email.FromAddress.Address, email.FromAddress.DisplayName));
        Assert.Equal("head@stmarys.example.org", email.ReplyToAddress?.Address);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), sendGrid.BaseUrl);
        Assert.True(sendGrid.SandboxMode);
        Assert.Equal(3, sendGrid.MaxAttempts);
    }

    [Fact]
    public void ToString_WithApiKey_NeverPrintsItNorTheAddress()
    {
        using var services = Settings.Services("Email__Provider=SendGrid", "Email__From=office@school.example.org", "SendGrid__ApiKey=SG.very-secret");

        var email = Settings.Options<EmailOptions>(services);
        var sendGrid = Settings.Options<SendGridOptions>(services);
        Assert.DoesNotContain("SG.very-secret", sendGrid.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = (set)", sendGrid.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("office@school", email.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Microsoft365AndSmtp_ReadEverySettingAndPrintNoSecret()
    {
        using var services = Settings.Services(
            "Email__Provider=microsoft365", "Microsoft365__Mailbox=office@school.example.org", "Microsoft365__TenantId=contoso.onmicrosoft.com",
            "Microsoft365__ClientId=00000000-0000-0000-0000-000000000001", "Microsoft365__ClientSecret=m365-secret", "Microsoft365__SaveToSentItems=false",
            "Microsoft365__MaxAttempts=3", "Smtp__Host=smtp-relay.gmail.com", "Smtp__Port=465", "Smtp__Security=SslOnConnect",
            "Smtp__UserName=office@school.example.org", "Smtp__Password=smtp-secret");
        services.ValidateSettings();

        var microsoft365 = Settings.Options<Microsoft365Options>(services);
        var smtp = Settings.Options<SmtpOptions>(services);
        Assert.Equal(("office@school.example.org", "contoso.onmicrosoft.com", false, 3), (microsoft365.Mailbox, microsoft365.TenantId, microsoft365.SaveToSentItems, microsoft365.MaxAttempts));
        Assert.True(microsoft365.UsesClientSecret);
        Assert.Equal(("smtp-relay.gmail.com", 465, SmtpSecurity.SslOnConnect), (smtp.Host, smtp.Port, smtp.Security));
        Assert.DoesNotContain("m365-secret", microsoft365.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("office@school", microsoft365.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-secret", smtp.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Outbox", typeof(OutboxEmailSender))]
    [InlineData("SendGrid", typeof(SendGridEmailSender))]
    [InlineData("Microsoft365", typeof(Microsoft365EmailSender))]
    [InlineData("Smtp", typeof(SmtpEmailSender))]
    public void AddInfrastructure_Provider_RegistersTheNamedSender(string provider, Type expected)
    {
        using var services = Settings.Services(
            $"Email__Provider={provider}", "Email__From=office@school.example.org", "SendGrid__ApiKey=SG.k",
            "Microsoft365__Mailbox=office@school.example.org", "Smtp__Host=smtp.gmail.com", "Smtp__UserName=office@school.example.org");
        services.ValidateSettings();

        Assert.IsType(expected, services.GetRequiredService<IEmailSender>());
    }

    [Theory]
    [InlineData("Outbox", false)]
    [InlineData("SendGrid", false)]
    [InlineData("Smtp", false)]
    [InlineData("Microsoft365", true)]
    public void AddInfrastructure_Provider_BuildsTheHostCredentialOnlyToSignInToMicrosoft365(string provider, bool asked)
    {
        var built = 0;
        var configuration = Settings.From(
            $"Email__Provider={provider}", "Email__From=office@school.example.org", "SendGrid__ApiKey=SG.k",
            "Microsoft365__Mailbox=office@school.example.org", "Smtp__Host=smtp.gmail.com", "Smtp__UserName=office@school.example.org");
        using var services = new ServiceCollection()
            .AddSingleton<TokenCredential>(_ => { built++; return new Azure.Identity.DefaultAzureCredential(); })
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
        services.ValidateSettings();

        services.GetRequiredService<IEmailSender>();

        Assert.Equal(asked ? 1 : 0, built);
    }
}
