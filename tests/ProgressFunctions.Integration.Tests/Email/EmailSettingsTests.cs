using Microsoft.Extensions.Configuration;
using ProgressFunctions.Infrastructure.Email;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Integration.Tests.Email.Support;

namespace ProgressFunctions.Integration.Tests.Email;

public class EmailSettingsTests
{
    [Fact]
    public void Load_Nothing_IsOutboxWithDefaults()
    {
        var settings = EmailSettings.Load(Config());

        Assert.Equal(EmailProvider.Outbox, settings.Email.Provider);
        Assert.Equal("outbox", settings.Email.OutboxDirectory);
        Assert.Equal(new Uri("https://api.sendgrid.com/"), settings.SendGrid.BaseUrl);
        Assert.False(settings.SendGrid.SandboxMode);
    }

    [Theory]
    [InlineData("Email:Provider=SendGrid", "SendGrid__ApiKey is required when Email__Provider is SendGrid.")]
    [InlineData("Email:Provider=SendGrid", "Email__From is required when Email__Provider is SendGrid")]
    [InlineData("Email:Provider=Smtp", "Email__Provider must be Outbox or SendGrid; it is 'Smtp'.")]
    [InlineData("Email:Provider=1", "Email__Provider must be Outbox or SendGrid; it is '1'.")]
    [InlineData("Email:From=not-an-address", "Email__From is not a valid address")]
    [InlineData("Email:ReplyTo=a@b", "Email__ReplyTo is not a valid address")]
    [InlineData("SendGrid:BaseUrl=ftp://x.org", "SendGrid__BaseUrl must be an absolute http(s) URL; it is 'ftp://x.org'.")]
    [InlineData("SendGrid:SandboxMode=yes", "SendGrid__SandboxMode must be true or false; it is 'yes'.")]
    [InlineData("SendGrid:MaxAttempts=0", "SendGrid__MaxAttempts must be a whole number from 1 to 20; it is '0'.")]
    public void Load_BadSetting_NamesIt(string setting, string expected)
    {
        var error = Assert.Throws<EmailConfigurationException>(() => EmailSettings.Load(Config(setting)));

        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SendGridWithoutKeyOrFrom_ReportsBothAtOnce()
    {
        var error = Assert.Throws<EmailConfigurationException>(() => EmailSettings.Load(Config("Email:Provider=SendGrid")));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("SendGrid__ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Email__From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SendGridComplete_ReadsEverySetting()
    {
        var settings = EmailSettings.Load(Config(
            "Email:Provider=sendgrid", "Email:From=St Mary's Office <office@stmarys.example.org>", "Email:ReplyTo=head@stmarys.example.org",
            "SendGrid:ApiKey=SG.secret", "SendGrid:BaseUrl=http://127.0.0.1:9999", "SendGrid:SandboxMode=true"));

        Assert.Equal(EmailProvider.SendGrid, settings.Email.Provider);
        Assert.Equal(("office@stmarys.example.org", "St Mary's Office"), (settings.Email.From.Address, settings.Email.From.DisplayName));
        Assert.Equal("head@stmarys.example.org", settings.Email.ReplyTo?.Address);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), settings.SendGrid.BaseUrl);
        Assert.True(settings.SendGrid.SandboxMode);
    }

    [Fact]
    public void ToString_WithApiKey_NeverPrintsIt()
    {
        var settings = EmailSettings.Load(Config("Email:Provider=SendGrid", "Email:From=office@school.example.org", "SendGrid:ApiKey=SG.very-secret"));

        Assert.DoesNotContain("SG.very-secret", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SG.very-secret", settings.SendGrid.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = (set)", settings.SendGrid.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("office@school", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Outbox", typeof(OutboxEmailSender))]
    [InlineData("SendGrid", typeof(SendGridEmailSender))]
    public void Create_Provider_PicksTheNamedSender(string provider, Type expected)
    {
        using var http = new HttpClient();
        using var logs = new CapturingLoggerFactory();

        var sender = EmailSenderFactory.Create(
            Config($"Email:Provider={provider}", "Email:From=office@school.example.org", "SendGrid:ApiKey=SG.k"), http, TimeProvider.System, logs);

        Assert.IsType(expected, sender);
    }

    private static IConfiguration Config(params string[] pairs) => new ConfigurationBuilder()
        .AddInMemoryCollection(pairs.Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1])))
        .Build();
}
