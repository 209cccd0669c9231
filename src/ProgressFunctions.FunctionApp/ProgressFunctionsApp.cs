using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Infrastructure.Configuration;

namespace ProgressFunctions.FunctionApp;

/// <summary>Everything the Function App registers, in one place that <c>Program.cs</c> and the tests both call.</summary>
public static class ProgressFunctionsApp
{
    /// <summary>The Application Insights connection string that the Functions host and Bicep set.</summary>
    public const string TelemetrySetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Telemetry when <see cref="TelemetrySetting"/> is set, then the jobs' infrastructure
    /// (<see cref="InfrastructureServiceCollectionExtensions.AddInfrastructure"/>) with its settings validated on start.</summary>
    public static IServiceCollection AddProgressFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[TelemetrySetting] is { Length: > 0 })
        {
            // As the isolated-worker documentation shows: the worker's own telemetry goes straight to Application
            // Insights, correlated with the host's request telemetry.
            services.AddApplicationInsightsTelemetryWorkerService();
            services.ConfigureFunctionsApplicationInsights();
            services.Configure<LoggerFilterOptions>(options =>
            {
                // The SDK's default rule keeps only warnings; host.json's log levels decide instead.
                var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider);
                if (rule is not null)
                {
                    options.Rules.Remove(rule);
                }
            });
        }

        return services.AddInfrastructure(configuration);
    }

    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";
}
