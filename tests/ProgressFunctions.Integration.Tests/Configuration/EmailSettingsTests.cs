using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.Infrastructure.Email;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Email.SendGrid;

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
        Assert.Equal(new Uri("https://api.sendgrid.com/"), sendGrid.BaseUrl);
        Assert.False(sendGrid.SandboxMode);
    }

    [Theory]
    [InlineData("Email__Provider=SendGrid", "SendGrid__ApiKey is required when Email__Provider is SendGrid.")]
    [InlineData("Email__Provider=SendGrid", "Email__From is required when Email__Provider is SendGrid")]
    [InlineData("Email__Provider=Smtp", "Email__Provider must be Outbox or SendGrid; it is 'Smtp'.")]
    [InlineData("Email__Provider=1", "Email__Provider must be Outbox or SendGrid; it is '1'.")]
    [InlineData("Email__From=not-an-address", "Email__From is not a valid address")]
    [InlineData("Email__ReplyTo=a@b", "Email__ReplyTo is not a valid address")]
    [InlineData("SendGrid__BaseUrl=ftp://x.org", "SendGrid__BaseUrl must be an absolute http(s) URL; it is 'ftp://x.org'.")]
    [InlineData("SendGrid__SandboxMode=yes", "SendGrid__SandboxMode must be true or false; it is 'yes'.")]
    [InlineData("SendGrid__MaxAttempts=0", "SendGrid__MaxAttempts must be a whole number from 1 to 20; it is '0'.")]
    [InlineData("SendGrid__MaxAttempts=five", "SendGrid__MaxAttempts must be a whole number; it is 'five'.")]
    public void ValidateSettings_BadSetting_NamesIt(string setting, string expected)
    {
        var failures = Settings.Failures(setting);

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

    [Theory]
    [InlineData("Outbox", typeof(OutboxEmailSender))]
    [InlineData("SendGrid", typeof(SendGridEmailSender))]
    public void AddInfrastructure_Provider_RegistersTheNamedSender(string provider, Type expected)
    {
        using var services = Settings.Services($"Email__Provider={provider}", "Email__From=office@school.example.org", "SendGrid__ApiKey=SG.k");
        services.ValidateSettings();

        Assert.IsType(expected, services.GetRequiredService<IEmailSender>());
    }
}
