using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NCrontab;

namespace ProgressFunctions.FunctionApp.Tests.Deployment;

/// <summary>A storage queue or blob container the Function App uses, and what uses it.</summary>
internal sealed record StorageUse(StorageKind Kind, string Name, string UsedBy);

internal enum StorageKind
{
    Queue,
    Container,
}

/// <summary>Cross-checks of the deployment files, each returning one problem per line, naming what is missing where.</summary>
/// <remarks>
/// The settings, bindings and resource names come from the code and the build (the options classes, the generated
/// <c>functions.metadata</c> and <c>JobResources</c>), not from a list kept here; the only hand-kept lists are the
/// exemptions below, each with its reason, and a stale exemption is itself a problem.
/// </remarks>
internal static partial class DeploymentChecks
{
    /// <summary>The connection every Functions app has: host storage, and the default for storage bindings.</summary>
    public const string HostStorage = "AzureWebJobsStorage";

    public const string BlobTriggerPoisonQueue = "webjobs-blobtrigger-poison";

    private const string TestServerSwitch = "a switch for emulators and test servers (docs/configuration.md); Azure Cosmos DB needs the default";

    /// <summary>Settings the code reads that the local sample need not hold.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInSample = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Progress__DataDirectory"] = "the embedded store's folder; the Function App always runs with Progress__Store=Azure",
        ["Progress__CreateStore"] = "set by the CLI's demo, ingest and upload for the embedded store; the Function App runs with Progress__Store=Azure",
        ["CosmosDb__ConnectionString"] = "an alternative to CosmosDb__Endpoint + CosmosDb__Key, which the sample uses",
        ["CosmosDb__AllowBulkExecution"] = TestServerSwitch,
        ["CosmosDb__ReadByQuery"] = TestServerSwitch,
        ["SendGrid__InitialRetryDelay"] = "the default back-off suits SendGrid's documented limits",
        ["SendGrid__MaxRetryDelay"] = "the default back-off suits SendGrid's documented limits",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "telemetry is off locally unless a developer sets it",
    };

    /// <summary>Settings the code reads that the Azure app settings must not or need not hold.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInBicep = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Progress__DataDirectory"] = "the embedded store's folder; Azure runs with Progress__Store=Azure",
        ["Progress__CreateStore"] = "the embedded store only; Azure runs with Progress__Store=Azure",
        ["CosmosDb__Key"] = "local auth is disabled on the account; the app uses its managed identity",
        ["CosmosDb__ConnectionString"] = "local auth is disabled on the account; the app uses its managed identity",
        ["CosmosDb__Gateway"] = TestServerSwitch,
        ["CosmosDb__LimitToEndpoint"] = TestServerSwitch,
        ["CosmosDb__AllowBulkExecution"] = TestServerSwitch,
        ["CosmosDb__ReadByQuery"] = TestServerSwitch,
        ["Email__OutboxDirectory"] = "the outbox is for local runs; Azure sends with SendGrid",
        ["SendGrid__InitialRetryDelay"] = "the default back-off suits SendGrid's documented limits",
        ["SendGrid__MaxRetryDelay"] = "the default back-off suits SendGrid's documented limits",
        ["Microsoft365__ClientSecret"] = "Azure signs in to Microsoft Graph with the app's managed identity; a client secret is for one-machine installs",
    };

    /// <summary>Every app setting the code reads, by its environment-variable name (<c>A__B</c>), with where it is read.</summary>
    public static IReadOnlyDictionary<string, string> SettingsReadByCode(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.SettingsRead;
    }

    /// <summary>Connection names: settings whose identity-based form is a family of <c>Name__*</c> settings.</summary>
    public static IReadOnlySet<string> ConnectionNames(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var names = new HashSet<string>(StringComparer.Ordinal) { HostStorage };
        names.UnionWith(files.Bindings.Select(b => b.Connection).OfType<string>());
        return names;
    }

    public static IReadOnlyList<string> CheckSettings(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        var read = SettingsReadByCode(files);
        var connections = ConnectionNames(files);
        var sample = files.SampleValues();
        var bicep = files.BicepAppSettings();
        if (bicep.Count == 0)
        {
            problems.Add("No app settings found in infra/: expected a Microsoft.Web/sites/config resource named 'appsettings' with a properties object.");
        }

        string bicepFiles = bicep.Count == 0 ? "infra/" : string.Join(", ", bicep.Values.Select(v => v.File).Distinct());
        foreach (var (setting, source) in read)
        {
            if (!NotInSample.ContainsKey(setting) && !Provided(setting, sample.Keys, connections))
            {
                problems.Add($"Setting {setting} (read by {source}) is missing from {DeploymentFiles.LocalSettingsSamplePath} Values.");
            }

            if (bicep.Count > 0 && !NotInBicep.ContainsKey(setting) && !Provided(setting, bicep.Keys, connections))
            {
                problems.Add($"Setting {setting} (read by {source}) is missing from the Function App's app settings in {bicepFiles}.");
            }
        }

        foreach (var stale in NotInSample.Keys.Concat(NotInBicep.Keys).Distinct().Where(s => !read.ContainsKey(s)))
        {
            problems.Add($"Exemption for {stale} is stale: the code no longer reads it; remove it from DeploymentChecks.");
        }

        foreach (var connection in connections)
        {
            problems.AddRange(ConnectionShape(connection, sample.Keys, DeploymentFiles.LocalSettingsSamplePath));
            problems.AddRange(ConnectionShape(connection, bicep.Keys, bicepFiles));
            if (bicep.Keys.Any(k => k.StartsWith(connection + "__", StringComparison.Ordinal)))
            {
                if (!bicep.TryGetValue(connection + "__credential", out var credential) || credential.Expression != "'managedidentity'")
                {
                    problems.Add($"{connection} uses identity-based settings in {bicepFiles} but {connection}__credential is not 'managedidentity'.");
                }

                if (!bicep.ContainsKey(connection + "__clientId"))
                {
                    problems.Add($"{connection} uses a user-assigned identity in {bicepFiles} but {connection}__clientId is missing.");
                }
            }
        }

        return problems;
    }

    /// <summary>Every queue and container the code uses: the <c>JobResources</c> constants and the bindings' targets.</summary>
    public static IReadOnlyList<StorageUse> StorageUses(DeploymentFiles files, List<string>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var uses = new List<StorageUse>();
        foreach (var (name, value) in files.JobResources)
        {
            if (name.EndsWith("Queue", StringComparison.Ordinal))
            {
                uses.Add(new StorageUse(StorageKind.Queue, value, $"JobResources.{name}"));
            }
            else if (name.EndsWith("Container", StringComparison.Ordinal))
            {
                uses.Add(new StorageUse(StorageKind.Container, value, $"JobResources.{name}"));
            }
            else
            {
                problems?.Add($"JobResources.{name} ends neither in Queue nor in Container, so the check cannot tell what to look for in infra/.");
            }
        }

        foreach (var binding in files.Bindings)
        {
            string usedBy = $"{binding.Type} of {binding.Function}";
            switch (binding.Type)
            {
                case "queueTrigger":
                    uses.Add(new StorageUse(StorageKind.Queue, binding.Target, usedBy));
                    uses.Add(new StorageUse(StorageKind.Queue, binding.Target + "-poison", $"poison queue of {usedBy}"));
                    break;
                case "queue":
                    uses.Add(new StorageUse(StorageKind.Queue, binding.Target, usedBy));
                    break;
                case "blobTrigger":
                    uses.Add(new StorageUse(StorageKind.Container, binding.Target.Split('/')[0], usedBy));
                    uses.Add(new StorageUse(StorageKind.Queue, BlobTriggerPoisonQueue, $"poison queue of {usedBy}"));
                    break;
                case "blob":
                    uses.Add(new StorageUse(StorageKind.Container, binding.Target.Split('/')[0], usedBy));
                    break;
            }
        }

        return uses;
    }

    /// <summary>The queue or container names that Bicep declares (literal names or a for-loop over an array variable).</summary>
    public static IReadOnlySet<string> Provisioned(DeploymentFiles files, StorageKind kind, List<string>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        string type = kind == StorageKind.Queue
            ? "Microsoft.Storage/storageAccounts/queueServices/queues"
            : "Microsoft.Storage/storageAccounts/blobServices/containers";
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, text) in files.Bicep)
        {
            var declaration = new Regex(@"resource\s+\w+\s+'" + Regex.Escape(type) + @"@[^']+'\s*=\s*(?:\[\s*for\s+\w+\s+in\s+(?<array>\w+)\s*:|(?<object>\{))");
            foreach (Match m in declaration.Matches(text))
            {
                if (m.Groups["array"].Success)
                {
                    var items = BicepText.ArrayVariable(text, m.Groups["array"].Value);
                    if (items is null)
                    {
                        problems?.Add($"{file}: the {type} loop runs over '{m.Groups["array"].Value}', which is not a var array of names in that file.");
                    }

                    names.UnionWith(items ?? []);
                }
                else if (Regex.Match(BicepText.Block(text, m.Groups["object"].Index), @"^\s*name:\s*'([^'$]+)'", RegexOptions.Multiline) is { Success: true } name)
                {
                    names.Add(name.Groups[1].Value);
                }
            }
        }

        return names;
    }

    public static IReadOnlyList<string> CheckStorage(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        var uses = StorageUses(files, problems);
        var queues = Provisioned(files, StorageKind.Queue, problems);
        var containers = Provisioned(files, StorageKind.Container, problems);
        foreach (var use in uses.DistinctBy(u => (u.Kind, u.Name)))
        {
            var provisioned = use.Kind == StorageKind.Queue ? queues : containers;
            if (!provisioned.Contains(use.Name))
            {
                string what = use.Kind == StorageKind.Queue ? "Queue" : "Container";
                problems.Add($"{what} '{use.Name}' ({use.UsedBy}) is not provisioned in infra/ (no {what.ToLowerInvariant()} resource in the Bicep names it).");
            }
        }

        return problems;
    }

    /// <summary>Blob triggers that run in Azure must use the Event Grid source (the only one Flex Consumption runs), and
    /// each needs an Event Grid subscription on its container that posts to the host's blobs webhook for that function;
    /// a polling twin for local development must be disabled in Azure and enabled locally.</summary>
    public static IReadOnlyList<string> CheckBlobEvents(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        var subscriptions = files.Bicep
            .Where(f => f.Value.Contains("'Microsoft.EventGrid/systemTopics/eventSubscriptions@", StringComparison.Ordinal))
            .Select(f => (File: f.Key, Text: BicepText.WithParamDefaults(f.Value)))
            .ToList();
        bool systemTopic = files.Bicep.Values.Any(t =>
            t.Contains("'Microsoft.EventGrid/systemTopics@", StringComparison.Ordinal) && t.Contains("topicType: 'Microsoft.Storage.StorageAccounts'", StringComparison.Ordinal));
        var bicep = files.BicepAppSettings();
        var sample = files.SampleValues();
        foreach (var trigger in files.Bindings.Where(b => b.Type == "blobTrigger"))
        {
            string disabled = $"AzureWebJobs.{trigger.Function}.Disabled";
            if (trigger.Source != "EventGrid")
            {
                // A polling trigger is for local development only: Flex Consumption runs only event-based blob triggers.
                if (!bicep.TryGetValue(disabled, out var setting) || setting.Expression != "'true'")
                {
                    problems.Add($"blobTrigger of {trigger.Function} polls the container (no Event Grid source) but infra/ does not set {disabled} to 'true'; Flex Consumption runs only event-based blob triggers.");
                }

                if (sample.TryGetValue(disabled, out var local) && local.Equals("true", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{DeploymentFiles.LocalSettingsSamplePath} disables {trigger.Function}, the only blob trigger that fires on Azurite.");
                }

                continue;
            }

            if (!systemTopic)
            {
                problems.Add($"No Event Grid system topic on the storage account (Microsoft.EventGrid/systemTopics with topicType 'Microsoft.Storage.StorageAccounts') for {trigger.Function}.");
            }

            string container = trigger.Target.Split('/')[0];
            bool subscribed = subscriptions.Any(s =>
                s.Text.Contains($"functionName=Host.Functions.{trigger.Function}&", StringComparison.Ordinal)
                && s.Text.Contains($"/blobServices/default/containers/{container}/", StringComparison.Ordinal)
                && s.Text.Contains("Microsoft.Storage.BlobCreated", StringComparison.Ordinal));
            if (!subscribed)
            {
                problems.Add($"No Event Grid subscription in infra/ sends Microsoft.Storage.BlobCreated events of container '{container}' to Host.Functions.{trigger.Function}.");
            }
        }

        return problems;
    }

    /// <summary>Every timer schedule, in the attribute or in the app setting it names (sample, Bicep defaults and
    /// main.parameters.json defaults), must be a six-field NCRONTAB expression.</summary>
    public static IReadOnlyList<string> CheckSchedules(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        var sample = files.SampleValues();
        var bicep = files.BicepAppSettings();
        foreach (var timer in files.Bindings.Where(b => b.Type == "timerTrigger"))
        {
            var setting = Regex.Match(timer.Target, @"^%(\w+)%$");
            if (!setting.Success)
            {
                Validate(timer.Target, $"timerTrigger of {timer.Function}");
                continue;
            }

            string name = setting.Groups[1].Value;
            if (sample.TryGetValue(name, out var local))
            {
                Validate(local, $"{name} in {DeploymentFiles.LocalSettingsSamplePath}");
            }

            if (!bicep.TryGetValue(name, out var appSetting))
            {
                continue; // reported by CheckSettings
            }

            var values = BicepValues(files, appSetting.Expression).ToList();
            if (values.Count == 0)
            {
                problems.Add($"{name} in {appSetting.File} is set from '{appSetting.Expression}', which has no literal value or default to check.");
            }

            foreach (var (value, where) in values)
            {
                Validate(value, $"{name} ({where})");
            }
        }

        return problems;

        void Validate(string expression, string where)
        {
            if (!IsSixFieldNcrontab(expression))
            {
                problems.Add($"{where} is '{expression}', not a valid six-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
            }
        }
    }

    /// <summary>True for a valid NCRONTAB expression with seconds, as the Functions timer trigger reads it.</summary>
    public static bool IsSixFieldNcrontab(string expression) =>
        expression.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length == 6
        && CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null;

    /// <summary>host.json: five attempts before the poison queue (as Core's QueueDrain), base64 messages (as the Azure
    /// queue adapter writes them), and a batch size and visibility timeout chosen, not defaulted.</summary>
    public static IReadOnlyList<string> CheckHostJson(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        using var document = JsonDocument.Parse(files.HostJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("version", out var version) || version.GetString() != "2.0")
        {
            problems.Add("host.json: version must be \"2.0\".");
        }

        if (!root.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            problems.Add("host.json: extensions.queues is missing.");
            return problems;
        }

        if (!queues.TryGetProperty("maxDequeueCount", out var dequeue) || dequeue.GetInt32() != 5)
        {
            problems.Add("host.json: extensions.queues.maxDequeueCount must be 5 (the attempts Core's QueueDrain and the docs promise).");
        }

        if (!queues.TryGetProperty("batchSize", out var batch) || batch.GetInt32() is < 1 or > 32)
        {
            problems.Add("host.json: extensions.queues.batchSize must be set, from 1 to 32.");
        }

        if (!queues.TryGetProperty("visibilityTimeout", out var visibility) || !TimeSpan.TryParse(visibility.GetString(), CultureInfo.InvariantCulture, out _))
        {
            problems.Add("host.json: extensions.queues.visibilityTimeout must be set as a TimeSpan (hh:mm:ss).");
        }

        if (queues.TryGetProperty("messageEncoding", out var encoding) && encoding.GetString() != "base64")
        {
            problems.Add("host.json: extensions.queues.messageEncoding must be base64: the Azure queue adapter writes base64 messages.");
        }

        return problems;
    }

    /// <summary>No secret in the sample settings or the app settings, and no key-based access left open in Bicep.</summary>
    public static IReadOnlyList<string> CheckNoSecrets(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        using (var document = JsonDocument.Parse(files.LocalSettingsSample))
        {
            if (!document.RootElement.TryGetProperty("IsEncrypted", out var encrypted) || encrypted.ValueKind != JsonValueKind.False)
            {
                problems.Add("local.settings.sample.json: IsEncrypted must be false.");
            }
        }

        var sample = files.SampleValues();
        if (!sample.TryGetValue("FUNCTIONS_WORKER_RUNTIME", out var runtime) || runtime != "dotnet-isolated")
        {
            problems.Add("local.settings.sample.json: FUNCTIONS_WORKER_RUNTIME must be dotnet-isolated.");
        }

        if (!sample.TryGetValue(HostStorage, out var storage) || storage != "UseDevelopmentStorage=true")
        {
            problems.Add("local.settings.sample.json: AzureWebJobsStorage must be UseDevelopmentStorage=true (Azurite), never a key.");
        }

        foreach (var (name, value) in sample)
        {
            if (LooksLikeSecret(value) || (SecretName().IsMatch(name) && value.Length > 0 && !IsPlaceholder(value)))
            {
                problems.Add($"local.settings.sample.json: {name} holds what looks like a secret; use a placeholder such as <your-value>.");
            }
        }

        foreach (var (name, (file, expression)) in files.BicepAppSettings())
        {
            if (LooksLikeSecret(expression) || expression.Contains("listKeys(", StringComparison.Ordinal))
            {
                problems.Add($"{file}: app setting {name} carries a key; use the managed identity or a Key Vault reference.");
            }
            else if (SecretName().IsMatch(name) && !expression.StartsWith("'@Microsoft.KeyVault(", StringComparison.Ordinal))
            {
                problems.Add($"{file}: app setting {name} must be a Key Vault reference (@Microsoft.KeyVault(SecretUri=...)).");
            }
        }

        string allBicep = string.Join('\n', files.Bicep.Values);
        if (!allBicep.Contains("allowSharedKeyAccess: false", StringComparison.Ordinal))
        {
            problems.Add("infra/: the storage account must set allowSharedKeyAccess: false.");
        }

        if (!allBicep.Contains("disableLocalAuth: true", StringComparison.Ordinal))
        {
            problems.Add("infra/: the Cosmos DB account must set disableLocalAuth: true.");
        }

        return problems;
    }

    private static bool LooksLikeSecret(string value) =>
        value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("SharedAccessKey=", StringComparison.OrdinalIgnoreCase)
        || Regex.IsMatch(value, @"\bSG\.[A-Za-z0-9_-]{10,}");

    private static bool IsPlaceholder(string value) => value.StartsWith('<') && value.EndsWith('>');

    /// <summary>True when <paramref name="setting"/> is present, counting a connection's two forms as one: the plain
    /// connection-string setting covers its <c>__</c> settings, and identity-based settings cover the plain one.</summary>
    private static bool Provided(string setting, IEnumerable<string> keys, IReadOnlySet<string> connections)
    {
        var present = keys.ToHashSet(StringComparer.Ordinal);
        if (present.Contains(setting))
        {
            return true;
        }

        if (connections.Contains(setting))
        {
            return present.Contains(setting + "__accountName")
                || (present.Contains(setting + "__blobServiceUri") && present.Contains(setting + "__queueServiceUri"));
        }

        int separator = setting.IndexOf("__", StringComparison.Ordinal);
        return separator > 0 && connections.Contains(setting[..separator]) && present.Contains(setting[..separator]);
    }

    /// <summary>A connection is set one way or the other: a plain setting and <c>__</c> settings with the same name
    /// cannot coexist (the plain one hides the section).</summary>
    private static IEnumerable<string> ConnectionShape(string connection, IEnumerable<string> keys, string where)
    {
        var list = keys.ToList();
        if (list.Contains(connection) && list.Any(k => k.StartsWith(connection + "__", StringComparison.Ordinal)))
        {
            yield return $"{where}: {connection} is set both as a connection string and as {connection}__* settings; use one form.";
        }
    }

    /// <summary>The literal values a Bicep app-setting expression can take: the literal itself, or the defaults of the
    /// parameter it names (in any Bicep file, and in main.parameters.json's azd <c>${VAR=default}</c>).</summary>
    private static IEnumerable<(string Value, string Where)> BicepValues(DeploymentFiles files, string expression)
    {
        if (Regex.Match(expression, @"^'([^'$]*)'$") is { Success: true } literal)
        {
            yield return (literal.Groups[1].Value, "literal in Bicep");
            yield break;
        }

        if (!Regex.IsMatch(expression, @"^[A-Za-z_]\w*$"))
        {
            yield break;
        }

        foreach (var (file, text) in files.Bicep)
        {
            if (BicepText.ParamDefault(text, expression) is { } value)
            {
                yield return (value, $"default of param {expression} in {file}");
            }
        }

        using var parameters = JsonDocument.Parse(files.MainParameters);
        if (parameters.RootElement.TryGetProperty("parameters", out var all)
            && all.TryGetProperty(expression, out var parameter)
            && parameter.TryGetProperty("value", out var raw)
            && raw.ValueKind == JsonValueKind.String)
        {
            string text = raw.GetString()!;
            var azd = Regex.Match(text, @"^\$\{(\w+)(?:=(?<default>[^}]*))?\}$");
            if (!azd.Success)
            {
                yield return (text, $"{DeploymentFiles.MainParametersPath} parameter {expression}");
            }
            else if (azd.Groups["default"].Success)
            {
                yield return (azd.Groups["default"].Value, $"default of ${{{azd.Groups[1].Value}}} in {DeploymentFiles.MainParametersPath}");
            }
        }
    }

    [GeneratedRegex("(?i)(key|secret|password)$")]
    private static partial Regex SecretName();
}
