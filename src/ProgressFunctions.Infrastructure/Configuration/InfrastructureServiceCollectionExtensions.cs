using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Infrastructure.Email;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Infrastructure.Configuration;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The one registration a host makes: the storage ports (<see cref="StorageServiceCollectionExtensions.AddStorage"/>),
    /// the configured e-mail sender, the PDF renderer and a <see cref="JobContext"/> over them. Storage and e-mail
    /// settings are validated now, so a missing one stops start-up with a message naming it.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorage(configuration);
        var email = EmailSettings.Load(configuration);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(email);
        services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(100) });
        services.AddSingleton<IEmailSender>(sp => EmailSenderFactory.Create(email, sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IReportRenderer, PdfReportRenderer>();
        services.AddSingleton(sp => new JobContext(
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<IMessageQueue>(),
            sp.GetRequiredService<IEmailSender>(),
            sp.GetRequiredService<IReportRenderer>(),
            sp.GetRequiredService<TimeProvider>()));
        // One dispatcher per host: it keeps each school's data for a few minutes across report requests.
        services.AddSingleton(sp => new ReportDispatcher(sp.GetRequiredService<JobContext>()));
        return services;
    }
}
