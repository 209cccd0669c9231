using Xunit.Abstractions;

namespace ProgressFunctions.FunctionApp.Tests.Deployment;

/// <summary>The Function App, its sample settings, host.json and the Bicep agree: every setting the code reads is
/// provided, every queue and container it uses is provisioned, every schedule parses. Read as text, because the
/// Function App itself cannot be built here (DESIGN.md section 3); the GitHub workflow builds it.</summary>
public sealed class DeploymentConsistencyTests(ITestOutputHelper output)
{
    private static readonly DeploymentFiles s_repository = DeploymentFiles.Load(DeploymentFiles.RepositoryRoot);

    private const string FunctionAppBicep = "infra/app/function-app.bicep";
    private const string StorageBicep = "infra/app/storage.bicep";
    private const string BlobEventsBicep = "infra/app/blob-events.bicep";

    [Fact]
    public void SettingsReadByCode_AreDerivedFromTheSources()
    {
        var settings = DeploymentChecks.SettingsReadByCode(s_repository);
        output.WriteLine(string.Join(Environment.NewLine, settings.Select(s => $"{s.Key}  ({s.Value})")));
        Assert.Contains("AzureWebJobsStorage", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings.Keys);
        Assert.Contains("Progress__Store", settings.Keys);
        Assert.Contains("CosmosDb__Endpoint", settings.Keys);
        Assert.Contains("Email__From", settings.Keys);
        Assert.Contains("SendGrid__ApiKey", settings.Keys);
        Assert.Contains("SchoolJobsSchedule", settings.Keys);
        Assert.Contains("CosmosDb__ConnectionString", settings.Keys);
        Assert.Contains("CosmosDb__ReadByQuery", settings.Keys);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
    }

    [Fact]
    public void Settings_EveryOneTheCodeReads_IsInTheSampleAndTheBicep() => AssertNone(DeploymentChecks.CheckSettings(s_repository));

    [Fact]
    public void Storage_EveryQueueAndContainerTheCodeUses_IsProvisioned()
    {
        var uses = DeploymentChecks.StorageUses(s_repository);
        output.WriteLine(string.Join(Environment.NewLine, uses.Select(u => $"{u.Kind} {u.Name}  ({u.UsedBy})")));
        Assert.Contains(uses, u => u.Name == "school-jobs-poison");
        Assert.Contains(uses, u => u.Name == "mis-exports-rejected");
        AssertNone(DeploymentChecks.CheckStorage(s_repository));
    }

    [Fact]
    public void BlobTriggers_UseEventGridAndHaveASubscription() => AssertNone(DeploymentChecks.CheckBlobEvents(s_repository));

    [Fact]
    public void Schedules_AreSixFieldNcrontab() => AssertNone(DeploymentChecks.CheckSchedules(s_repository));

    [Fact]
    public void HostJson_PoisonsAfterFiveAttemptsWithBase64Messages() => AssertNone(DeploymentChecks.CheckHostJson(s_repository));

    [Fact]
    public void SampleAndBicep_HoldNoSecrets() => AssertNone(DeploymentChecks.CheckNoSecrets(s_repository));

    [Fact]
    public void Metadata_EveryFunctionAndBinding_AsTheHostIndexesThem()
    {
        var bindings = s_repository.Bindings.Select(b => $"{b.Function} {b.Direction} {b.Type} {b.Target} {b.Source ?? "-"} {b.Connection ?? "-"}");
        Assert.Equal(
            ["DispatchReport In queueTrigger report-requests - AzureWebJobsStorage",
             "IngestMisExport In blobTrigger mis-exports/{schoolId}/{name} EventGrid AzureWebJobsStorage",
             "IngestMisExportPolling In blobTrigger mis-exports/{schoolId}/{name} - AzureWebJobsStorage",
             "RunSchoolJob In queueTrigger school-jobs - AzureWebJobsStorage",
             "ScheduleSchoolJobs In timerTrigger %SchoolJobsSchedule% - -",
             "ScheduleSchoolJobs Out queue school-jobs - AzureWebJobsStorage"],
            bindings.Order(StringComparer.Ordinal));
    }

    // The checks must be able to fail: each test below breaks one file and expects the problem to name what broke.

    [Fact]
    public void CheckSettings_SettingMissingFromSample_NamesIt()
    {
        var broken = s_repository.With(DeploymentFiles.LocalSettingsSamplePath, t => RemoveLine(t, "\"SendGrid__ApiKey\""));
        AssertProblem(DeploymentChecks.CheckSettings(broken), "SendGrid__ApiKey", DeploymentFiles.LocalSettingsSamplePath);
    }

    [Fact]
    public void CheckSettings_SettingMissingFromBicep_NamesIt()
    {
        var broken = s_repository.With(FunctionAppBicep, t => RemoveLine(t, "CosmosDb__Container:"));
        AssertProblem(DeploymentChecks.CheckSettings(broken), "CosmosDb__Container", FunctionAppBicep);
    }

    [Fact]
    public void CheckSettings_NewSettingInTheCode_MustBeAddedToBoth()
    {
        var broken = s_repository with { SettingsRead = new Dictionary<string, string>(s_repository.SettingsRead) { ["Reports__LogoUrl"] = "ReportOptions" } };
        var problems = DeploymentChecks.CheckSettings(broken);
        AssertProblem(problems, "Reports__LogoUrl", DeploymentFiles.LocalSettingsSamplePath);
        AssertProblem(problems, "Reports__LogoUrl", FunctionAppBicep);
    }

    [Fact]
    public void CheckSettings_ScheduleSettingRenamedInTheAttribute_NamesIt()
    {
        var bindings = s_repository.Bindings.Select(b => b.Target == "%SchoolJobsSchedule%" ? b with { Target = "%MorningSchedule%" } : b).ToList();
        var broken = s_repository with { Bindings = bindings, SettingsRead = SettingsCatalog.Read(bindings) };
        AssertProblem(DeploymentChecks.CheckSettings(broken), "MorningSchedule", DeploymentFiles.LocalSettingsSamplePath);
    }

    [Fact]
    public void CheckSettings_IdentityConnectionWithoutServiceUris_NamesIt()
    {
        var broken = s_repository.With(FunctionAppBicep, t => RemoveLine(t, "AzureWebJobsStorage__queueServiceUri:"));
        AssertProblem(DeploymentChecks.CheckSettings(broken), "AzureWebJobsStorage__queueServiceUri", FunctionAppBicep);
    }

    [Fact]
    public void CheckStorage_PoisonQueueNotProvisioned_NamesIt()
    {
        var broken = s_repository.With(StorageBicep, t => RemoveLine(t, "'report-requests-poison'"));
        AssertProblem(DeploymentChecks.CheckStorage(broken), "'report-requests-poison'", "DispatchReport");
    }

    [Fact]
    public void CheckStorage_QueueRenamedInTheBuild_NamesIt()
    {
        var broken = s_repository with { Bindings = [.. s_repository.Bindings.Select(b => b.Target == "school-jobs" ? b with { Target = "school-work" } : b)] };
        AssertProblem(DeploymentChecks.CheckStorage(broken), "'school-work'", "RunSchoolJob");
    }

    [Fact]
    public void CheckStorage_NewJobResourceNotProvisioned_NamesIt()
    {
        var broken = s_repository with { JobResources = new Dictionary<string, string>(s_repository.JobResources) { ["ArchiveContainer"] = "archive" } };
        AssertProblem(DeploymentChecks.CheckStorage(broken), "'archive'", "JobResources.ArchiveContainer");
    }

    [Fact]
    public void CheckBlobEvents_SubscriptionOnAnotherContainer_NamesTheFunction()
    {
        var broken = s_repository.With(BlobEventsBicep, t => t.Replace("containerName string = 'mis-exports'", "containerName string = 'uploads'", StringComparison.Ordinal));
        AssertProblem(DeploymentChecks.CheckBlobEvents(broken), "IngestMisExport", "'mis-exports'");
    }

    [Fact]
    public void CheckBlobEvents_PollingTwinLeftEnabledInAzure_NamesIt()
    {
        var broken = s_repository.With(FunctionAppBicep, t => RemoveLine(t, "AzureWebJobs.IngestMisExportPolling.Disabled"));
        AssertProblem(DeploymentChecks.CheckBlobEvents(broken), "IngestMisExportPolling", "AzureWebJobs.IngestMisExportPolling.Disabled");
    }

    [Fact]
    public void CheckSchedules_FiveFieldScheduleInTheSample_NamesIt()
    {
        var broken = s_repository.With(DeploymentFiles.LocalSettingsSamplePath, t => t.Replace("\"0 */15 6-18 * * 1-5\"", "\"*/15 6-18 * * 1-5\"", StringComparison.Ordinal));
        AssertProblem(DeploymentChecks.CheckSchedules(broken), "SchoolJobsSchedule", "'*/15 6-18 * * 1-5'");
    }

    [Fact]
    public void CheckSchedules_InvalidBicepDefault_NamesIt()
    {
        var broken = s_repository.With(FunctionAppBicep, t => t.Replace("schoolJobsSchedule string = '0 */15 6-18 * * 1-5'", "schoolJobsSchedule string = '0 */15 25 * * 1-5'", StringComparison.Ordinal));
        AssertProblem(DeploymentChecks.CheckSchedules(broken), "SchoolJobsSchedule", FunctionAppBicep);
    }

    [Fact]
    public void CheckHostJson_OtherDequeueCount_Fails()
    {
        var broken = s_repository.With(DeploymentFiles.HostJsonPath, t => t.Replace("\"maxDequeueCount\": 5", "\"maxDequeueCount\": 3", StringComparison.Ordinal));
        AssertProblem(DeploymentChecks.CheckHostJson(broken), "maxDequeueCount");
    }

    [Fact]
    public void CheckNoSecrets_KeyInTheSample_Fails()
    {
        var broken = s_repository.With(
            DeploymentFiles.LocalSettingsSamplePath,
            t => t.Replace("\"<your-sendgrid-key-in-key-vault>\"", "\"SG.abcdefghijklmnop.qrstuvwxyz\"", StringComparison.Ordinal));
        AssertProblem(DeploymentChecks.CheckNoSecrets(broken), "SendGrid__ApiKey");
    }

    [Theory]
    [InlineData("0 30 6 * * 1-5", true)]
    [InlineData("0 */5 * * * *", true)]
    [InlineData("0 30 9 * Jan Mon", true)]
    [InlineData("30 6 * * 1-5", false)]
    [InlineData("0 0 30 6 * * 1-5", false)]
    [InlineData("0 61 6 * * *", false)]
    [InlineData("00:30:00", false)]
    [InlineData("", false)]
    public void IsSixFieldNcrontab_AcceptsOnlySixFieldSchedules(string expression, bool valid) =>
        Assert.Equal(valid, DeploymentChecks.IsSixFieldNcrontab(expression));

    [Fact]
    public void TestScript_BuildsTheWholeSolutionAndRunsEveryTestProject()
    {
        string root = DeploymentFiles.RepositoryRoot;
        string testScript = File.ReadAllText(Path.Combine(root, "test.sh"));
        string solution = File.ReadAllText(Path.Combine(root, "ProgressFunctions.sln"));
        Assert.Contains("dotnet build ProgressFunctions.sln", testScript, StringComparison.Ordinal);
        foreach (var project in Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.Tests.csproj", SearchOption.AllDirectories))
        {
            string name = Path.GetFileNameWithoutExtension(project);
            Assert.Contains($"tests/{name}", testScript, StringComparison.Ordinal);
            Assert.Contains($"{name}.csproj", solution, StringComparison.Ordinal);
        }

        Assert.Contains("ProgressFunctions.FunctionApp.csproj", solution, StringComparison.Ordinal);
        string workflow = File.ReadAllText(Path.Combine(root, ".github", "workflows", "ci.yml"));
        Assert.Contains("./test.sh", workflow, StringComparison.Ordinal);
    }

    private static string RemoveLine(string text, string containing)
    {
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains(containing, StringComparison.Ordinal));
        return string.Join('\n', lines.Where(l => !l.Contains(containing, StringComparison.Ordinal)));
    }

    private static void AssertNone(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, "Deployment files disagree:" + Environment.NewLine + string.Join(Environment.NewLine, problems));

    private static void AssertProblem(IReadOnlyList<string> problems, params string[] mentions) =>
        Assert.True(
            problems.Any(p => mentions.All(m => p.Contains(m, StringComparison.Ordinal))),
            $"Expected a problem naming {string.Join(" and ", mentions)}; got:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
}
