using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Cli.Demo;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.Integration.Tests.Storage.Azure;
using ProgressFunctions.TestSupport;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>The whole demo on the Azure adapters: Cosmos DB (its test server) and Blob and Queue Storage (Azurite).</summary>
[Collection(Integrity.AzureQueuesCollection.Name)]
public class AzureDemoTests(CosmosFixture cosmos) : IClassFixture<CosmosFixture>
{
    [Fact]
    public async Task DemoRun_AzureStores_RunsTheWholeMissionAndASecondRunDoesNothing()
    {
        var azure = AzureStorage.FromConnectionString(await Azurite.ConnectionStringAsync());
        var outbox = TestFolders.NewPath("pf-azure-demo-");
        var sender = new OutboxEmailSender(outbox, EmailAddress.Create("reports@school.example"), null, TimeProvider.System, NullLogger<OutboxEmailSender>.Instance);
        using var context = new JobPorts(cosmos.Storage.Documents, azure.Blobs, azure.Queue, sender, new PdfReportRenderer(), TimeProvider.System);
        var asOf = new DateOnly(2026, 3, 20);

        var outcome = await DemoRun.RunAsync(context.Services, new DemoOptions(12, SchoolPhase.Secondary, 11, asOf), CancellationToken.None);
        var again = await context.Get<RunDue>().RunAsync(asOf, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, Assert.Single(outcome.Ingests).Outcome);
        Assert.Equal(CheckOutcome.Checked, Assert.Single(outcome.Checks).Outcome);
        Assert.NotEmpty(Assert.Single(outcome.Snapshots).Taken);
        Assert.True(outcome.Dispatch!.Completed > 0);
        Assert.Equal(0, outcome.Dispatch.Poisoned);
        Assert.NotEmpty(Directory.GetFiles(outbox, "*.eml"));
        Assert.True(await azure.Blobs.ListAsync("reports/100001/").AnyAsync());
        Assert.Contains(again.Steps, s => s.Step == nameof(SchoolJobKind.CheckAttendance) && s.Outcome.Contains("already ran", StringComparison.Ordinal));
        Assert.Equal(0, again.Dispatch.Completed);
    }
}
