using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Integration.Tests.Jobs;

public sealed class JobRegistrationTests
{
    public static TheoryData<Type> Jobs => new()
    {
        typeof(IngestJob), typeof(ExportIntake), typeof(AttendanceCheckJob), typeof(SnapshotJob), typeof(BatchJob), typeof(WeeklyJob),
        typeof(DispatchJob), typeof(ReportDispatcher), typeof(SchoolJobs), typeof(RunDue), typeof(OutgoingStore), typeof(SendLedger), typeof(SchoolStates),
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void AddProgressJobs_PortsRegistered_JobResolvesAsOneSingleton(Type job)
    {
        using var fixture = new JobsFixture();
        using var services = Ports(fixture).AddProgressJobs().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(services.GetRequiredService(job), services.GetRequiredService(job));
    }

    [Fact]
    public void AddProgressJobs_StorageMissing_BuildFailsNamingThePort()
    {
        var services = new ServiceCollection().AddSingleton<IEmailSender>(new NoSender()).AddProgressJobs();

        var error = Assert.Throws<AggregateException>(() => services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));

        Assert.Contains(nameof(IDocumentStore), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProgressJobs_HostProgressRegistered_IngestReportsToIt()
    {
        using var fixture = new JobsFixture();
        var progress = new RecordingProgress();
        using var services = Ports(fixture).AddSingleton<IJobProgress>(progress).AddProgressJobs().BuildServiceProvider();

        var result = await services.GetRequiredService<IngestJob>().RunAsync(JobsFixture.School, "export.zip", new MemoryStream(JobsFixture.Zip(JobsFixture.Generate(12))), CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Contains("storing", progress.Steps);
    }

    private static IServiceCollection Ports(JobsFixture fixture) => new ServiceCollection()
        .AddSingleton(fixture.Context.Documents).AddSingleton(fixture.Context.Blobs).AddSingleton(fixture.Context.Queue)
        .AddSingleton(fixture.Context.Email).AddSingleton<IReportRenderer>(new PdfReportRenderer()).AddSingleton<TimeProvider>(fixture.Clock);

    private sealed class RecordingProgress : IJobProgress
    {
        public List<string> Steps { get; } = [];

        public void Report(string step, long done, long total) => Steps.Add(step);
    }

    private sealed class NoSender : IEmailSender
    {
        public Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
