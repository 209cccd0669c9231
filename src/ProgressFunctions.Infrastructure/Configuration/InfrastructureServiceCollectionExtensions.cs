using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Infrastructure.Email;
using ProgressFunctions.Infrastructure.Email.Microsoft365;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Infrastructure.Email.Smtp;
using ProgressFunctions.Infrastructure.Reports.Excel;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Infrastructure.Configuration;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The one registration a host makes: the storage ports (<see cref="StorageServiceCollectionExtensions.AddStorage"/>),
    /// the configured e-mail sender, the PDF and workbook renderers, and the jobs over them (<see cref="JobsServiceCollectionExtensions.AddProgressJobs"/>). The settings are options
    /// bound from configuration and validated on start, so a wrong one stops start-up with a line naming it: a host
    /// does that when it starts, a tool by calling <see cref="ValidateSettings"/>.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorage(configuration);
        services.AddOptions<EmailOptions>()
            .Configure(options => SettingsText.BindIfReadable(configuration.GetSection(EmailOptions.Section), options))
            .ValidateOnStart();
        services.AddOptions<SendGridOptions>()
            .Configure(options => SettingsText.BindIfReadable(configuration.GetSection(SendGridOptions.Section), options));
        services.AddOptions<Microsoft365Options>()
            .Configure(options => SettingsText.BindIfReadable(configuration.GetSection(Microsoft365Options.Section), options));
        services.AddOptions<SmtpOptions>()
            .Configure(options => SettingsText.BindIfReadable(configuration.GetSection(SmtpOptions.Section), options));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.TryAddSingleton<IConfiguration>(configuration);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.AddHttpClient(SendGridEmailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(100));
        services.AddHttpClient(Microsoft365EmailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(100));
        services.AddSingleton<IEmailSender>(sp => EmailSenderFactory.Create(
            new EmailSettings(
                sp.GetRequiredService<IOptions<EmailOptions>>().Value,
                sp.GetRequiredService<IOptions<SendGridOptions>>().Value,
                sp.GetRequiredService<IOptions<Microsoft365Options>>().Value,
                sp.GetRequiredService<IOptions<SmtpOptions>>().Value),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TokenCredential>,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IReportRenderer, PdfReportRenderer>();
        services.AddSingleton<IWorkbookRenderer, ExcelWorkbookRenderer>();
        services.AddProgressJobs();
        return services;
    }

    /// <summary>Runs the start-up validation of every setting now, as a host does when it starts.</summary>
    /// <exception cref="OptionsValidationException">A setting is missing or wrong; each failure names it.</exception>
    public static IServiceProvider ValidateSettings(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<IStartupValidator>().Validate();
        return services;
    }
}
