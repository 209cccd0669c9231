using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.Integration.Tests.Storage.Azure;

namespace ProgressFunctions.Integration.Tests.Cost;

/// <summary>What the request charge the CLI reports ("storage cost: N request units") measures on the Cosmos test server.</summary>
/// <remarks>The test server answers every request with <c>x-ms-request-charge: 1</c>, so there the meter counts
/// requests, not request units: docs/cost.md says so and models the units from document sizes instead.</remarks>
public sealed class CosmosRequestChargeTests(CosmosFixture cosmos) : IClassFixture<CosmosFixture>
{
    [Fact]
    public async Task RequestCharge_DailyCheckOnTheTestServer_IsOneUnitPerRequest()
    {
        using var fixture = new JobsFixture();
        var documents = new MeteredDocuments(cosmos.Storage.Documents, sizeReads: false);
        using var context = fixture.Context with { Documents = documents };
        await context.Get<IngestJob>().RunAsync(JobsFixture.School, "export.zip", new MemoryStream(JobsFixture.Zip(JobsFixture.Generate(pupils: 40))), CancellationToken.None);
        documents.Reset();
        var before = cosmos.Storage.Cost.RequestCharge;

        var check = await context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);

        var step = new StepCost("check", documents.Calls, new Dictionary<string, int>());
        Assert.Equal(CheckOutcome.Checked, check.Outcome);
        var charged = cosmos.Storage.Cost.RequestCharge - before;
        if (cosmos.IsTestServer)
        {
            Assert.Equal(step.Requests, charged);
        }
        else
        {
            // A real account charges at least one unit per request; what it charges beyond that is what docs/cost.md models.
            Assert.True(charged >= step.Requests, $"{charged} RU for {step.Requests} requests");
        }
    }
}
