using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Registers the jobs; a host adds the ports they use (storage, e-mail, renderers, a <see cref="TimeProvider"/>).</summary>
/// <remarks>
/// Every job is a singleton: jobs hold no state of their own beyond the ports, except <see cref="ReportDispatcher"/>,
/// whose bounded caches of immutable snapshots and rendered documents are meant to live as long as the host, and
/// <see cref="SchoolStates"/>, which holds its last loads weakly, for reuse until an import writes the school.
/// Where a host registers no <see cref="IJobProgress"/> (the Function App), progress goes nowhere; where it
/// registers no logging, log lines go nowhere.
/// </remarks>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddProgressJobs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(JobProgress.None);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.TryAddSingleton<SchoolStates>();
        services.TryAddSingleton<OutgoingStore>();
        services.TryAddSingleton<SendLedger>();
        services.TryAddSingleton<BatchRerouting>();
        services.TryAddSingleton<BatchJob>();
        services.TryAddSingleton<WeeklyJob>();
        services.TryAddSingleton<IngestJob>();
        services.TryAddSingleton<ExportCheck>();
        services.TryAddSingleton<ExportIntake>();
        services.TryAddSingleton<AttendanceCheckJob>();
        services.TryAddSingleton<SnapshotJob>();
        services.TryAddSingleton<ReportDispatcher>();
        services.TryAddSingleton<DispatchJob>();
        services.TryAddSingleton<SchoolJobs>();
        services.TryAddSingleton<RunDue>();
        return services;
    }
}
