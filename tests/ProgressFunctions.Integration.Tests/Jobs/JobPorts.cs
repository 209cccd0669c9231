using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>The ports a test's jobs run on, and the jobs over them, registered as a host registers them.</summary>
/// <remarks>
/// A copy made with <c>with</c> (another renderer, a store that stalls) gets jobs of its own over its own ports, as a
/// second host would: the services are built on first use, per instance.
/// </remarks>
internal sealed record JobPorts(IDocumentStore Documents, IBlobStore Blobs, IMessageQueue Queue, IEmailSender Email, IReportRenderer Renderer, TimeProvider Clock) : IDisposable
{
    private ServiceProvider? _services;

    private JobPorts(JobPorts original)
    {
        (Documents, Blobs, Queue, Email, Renderer, Clock, Workbooks) = (original.Documents, original.Blobs, original.Queue, original.Email, original.Renderer, original.Clock, original.Workbooks);
    }

    public IWorkbookRenderer? Workbooks { get; init; }

    public IServiceProvider Services => LazyInitializer.EnsureInitialized(ref _services, Build);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose() => _services?.Dispose();

    private ServiceProvider Build()
    {
        var services = new ServiceCollection()
            .AddSingleton(Documents).AddSingleton(Blobs).AddSingleton(Queue).AddSingleton(Email).AddSingleton(Renderer).AddSingleton(Clock);
        if (Workbooks is not null)
        {
            services.AddSingleton(Workbooks);
        }

        return services.AddProgressJobs().BuildServiceProvider();
    }
}
