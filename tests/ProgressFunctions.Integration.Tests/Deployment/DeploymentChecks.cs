using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NCrontab;

namespace ProgressFunctions.Integration.Tests.Deployment;

/// <summary>A storage queue or blob container the Function App uses, and what uses it.</summary>
internal sealed record StorageUse(StorageKind Kind, string Name, string UsedBy);

internal enum StorageKind
{
    Queue,
    Container,
}

/// <summary>One binding attribute on a function, as written in the source.</summary>
internal sealed record BindingAttribute(string File, string Function, string Kind, string Path, IReadOnlyDictionary<string, string> Named);

/// <summary>Cross-checks of the deployment files, each returning one problem per line, naming what is missing where.</summary>
/// <remarks>
/// The settings and resource names come from the code (Infrastructure's settings classes, the Function App's binding
/// attributes and <c>JobResources</c>), not from a list kept here; the only hand-kept lists are the exemptions below,
/// each with its reason, and a stale exemption is itself a problem.
/// </remarks>
internal static partial class DeploymentChecks
{
    /// <summary>The connection every Functions app has: host storage, and the default for storage bindings.</summary>
    public const string HostStorage = "AzureWebJobsStorage";

    public const string BlobTriggerPoisonQueue = "webjobs-blobtrigger-poison";

    /// <summary>Settings the code reads that the local sample need not hold.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInSample = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Progress__DataDirectory"] = "the embedded store's folder; the Function App always runs with Progress__Store=Azure",
    };

    /// <summary>Settings the code reads that the Azure app settings must not or need not hold.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInBicep = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Progress__DataDirectory"] = "the embedded store's folder; Azure runs with Progress__Store=Azure",
        ["CosmosDb__Key"] = "local auth is disabled on the account; the app uses its managed identity",
        ["Email__OutboxDirectory"] = "the outbox is for local runs; Azure sends with SendGrid",
    };

    private static readonly string[] s_bindingKinds = ["QueueTrigger", "QueueOutput", "BlobTrigger", "BlobInput", "BlobOutput", "TimerTrigger"];

    /// <summary>Every app setting the code reads, by its environment-variable name (<c>A__B</c>), with where it is read.</summary>
    public static IReadOnlyDictionary<string, string> SettingsReadByCode(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, text) in files.SettingsSources)
        {
            // Configuration keys are written "Section:Key" (IConfiguration), which Functions app settings spell Section__Key.
            foreach (Match m in ColonKey().Matches(text))
            {
                settings.TryAdd(m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal), file);
            }

            foreach (Match m in SingleKeyRead().Matches(text))
            {
                settings.TryAdd(m.Groups[1].Value, file);
            }
        }

        foreach (var (file, text) in files.FunctionAppSources)
        {
            foreach (Match m in AppSettingReference().Matches(text))
            {
                settings.TryAdd(m.Groups[1].Value, file);
            }

            foreach (Match m in ConnectionName().Matches(text))
            {
                settings.TryAdd(m.Groups[1].Value, file);
            }

            foreach (Match m in SingleKeyRead().Matches(text))
            {
                settings.TryAdd(m.Groups[1].Value, file);
            }
        }

        return settings;
    }

    /// <summary>Connection names: settings whose identity-based form is a family of <c>Name__*</c> settings.</summary>
    public static IReadOnlySet<string> ConnectionNames(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var names = new HashSet<string>(StringComparer.Ordinal) { HostStorage };
        foreach (var text in files.FunctionAppSources.Values)
        {
            foreach (Match m in ConnectionName().Matches(text))
            {
                names.Add(m.Groups[1].Value);
            }
        }

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
                problems.Add($"Setting {setting} (read in {source}) is missing from {DeploymentFiles.LocalSettingsSamplePath} Values.");
            }

            if (bicep.Count > 0 && !NotInBicep.ContainsKey(setting) && !Provided(setting, bicep.Keys, connections))
            {
                problems.Add($"Setting {setting} (read in {source}) is missing from the Function App's app settings in {bicepFiles}.");
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

    /// <summary>The constants of <c>JobResources</c>: name to value.</summary>
    public static IReadOnlyDictionary<string, string> JobResources(DeploymentFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var match = Regex.Match(files.JobResourcesSource, @"class\s+JobResources\b[^{]*\{(?<body>[^}]*)\}");
        return match.Success
            ? ConstString().Matches(match.Groups["body"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal)
            : throw new InvalidOperationException($"No class JobResources in {DeploymentFiles.JobResourcesPath}.");
    }

    /// <summary>The binding attributes of every function, with their first (path) argument resolved.</summary>
    public static IReadOnlyList<BindingAttribute> Bindings(DeploymentFiles files, List<string>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var constants = JobResources(files);
        var bindings = new List<BindingAttribute>();
        foreach (var (file, text) in files.FunctionAppSources)
        {
            var functions = FunctionAttribute().Matches(text);
            for (int i = 0; i < functions.Count; i++)
            {
                string function = functions[i].Groups[1].Success ? functions[i].Groups[1].Value : functions[i].Groups[2].Value;
                int end = i + 1 < functions.Count ? functions[i + 1].Index : text.Length;
                string region = text[functions[i].Index..end];
                foreach (Match attribute in Attribute().Matches(region))
                {
                    string kind = attribute.Groups["kind"].Value;
                    if (!s_bindingKinds.Contains(kind))
                    {
                        continue;
                    }

                    var arguments = SplitOutsideQuotes(attribute.Groups["args"].Value, ',');
                    var named = arguments.Skip(1)
                        .Select(a => a.Split('=', 2))
                        .Where(p => p.Length == 2)
                        .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'), StringComparer.Ordinal);
                    if (Evaluate(arguments.FirstOrDefault() ?? "", constants) is { } path)
                    {
                        bindings.Add(new BindingAttribute(file, function, kind, path, named));
                    }
                    else
                    {
                        problems?.Add($"Cannot read the path of [{kind}({arguments.FirstOrDefault()})] on {function} in {file}: use a string literal or JobResources constants joined with +.");
                    }
                }
            }
        }

        return bindings;
    }

    /// <summary>Every queue and container the code uses: the <c>JobResources</c> constants and the bindings' paths.</summary>
    public static IReadOnlyList<StorageUse> StorageUses(DeploymentFiles files, List<string>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var uses = new List<StorageUse>();
        foreach (var (name, value) in JobResources(files))
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

        foreach (var binding in Bindings(files, problems))
        {
            string usedBy = $"[{binding.Kind}] on {binding.Function}";
            switch (binding.Kind)
            {
                case "QueueTrigger":
                    uses.Add(new StorageUse(StorageKind.Queue, binding.Path, usedBy));
                    uses.Add(new StorageUse(StorageKind.Queue, binding.Path + "-poison", $"poison queue of {usedBy}"));
                    break;
                case "QueueOutput":
                    uses.Add(new StorageUse(StorageKind.Queue, binding.Path, usedBy));
                    break;
                case "BlobTrigger":
                    uses.Add(new StorageUse(StorageKind.Container, binding.Path.Split('/')[0], usedBy));
                    uses.Add(new StorageUse(StorageKind.Queue, BlobTriggerPoisonQueue, $"poison queue of {usedBy}"));
                    break;
                case "BlobInput" or "BlobOutput":
                    uses.Add(new StorageUse(StorageKind.Container, binding.Path.Split('/')[0], usedBy));
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

    /// <summary>Blob triggers must use the Event Grid source (the only one Flex Consumption runs), and each needs an
    /// Event Grid subscription on its container that posts to the host's blobs webhook for that function.</summary>
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
        foreach (var trigger in Bindings(files).Where(b => b.Kind == "BlobTrigger"))
        {
            if (!trigger.Named.TryGetValue("Source", out var source) || source != "BlobTriggerSource.EventGrid")
            {
                problems.Add($"[BlobTrigger] on {trigger.Function} does not set Source = BlobTriggerSource.EventGrid; Flex Consumption runs only event-based blob triggers.");
                continue;
            }

            if (!systemTopic)
            {
                problems.Add($"No Event Grid system topic on the storage account (Microsoft.EventGrid/systemTopics with topicType 'Microsoft.Storage.StorageAccounts') for {trigger.Function}.");
            }

            string container = trigger.Path.Split('/')[0];
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
        foreach (var timer in Bindings(files).Where(b => b.Kind == "TimerTrigger"))
        {
            var setting = Regex.Match(timer.Path, @"^%(\w+)%$");
            if (!setting.Success)
            {
                Validate(timer.Path, $"[TimerTrigger] on {timer.Function}");
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

    /// <summary>A C# attribute argument: string literals and <c>JobResources</c> constants joined with +.</summary>
    private static string? Evaluate(string expression, IReadOnlyDictionary<string, string> constants)
    {
        var result = new System.Text.StringBuilder();
        foreach (var part in SplitOutsideQuotes(expression, '+'))
        {
            if (Regex.Match(part, "^\"([^\"]*)\"$") is { Success: true } literal)
            {
                result.Append(literal.Groups[1].Value);
            }
            else if (Regex.Match(part, @"^(?:JobResources\.)?(\w+)$") is { Success: true } constant && constants.TryGetValue(constant.Groups[1].Value, out var value))
            {
                result.Append(value);
            }
            else
            {
                return null;
            }
        }

        return result.Length == 0 ? null : result.ToString();
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == separator)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9]*)+)\"")]
    private static partial Regex ColonKey();

    [GeneratedRegex("(?:\\b(?:Value|Text)\\(\\s*(?:\\w+\\s*,\\s*)?|[Cc]onfiguration\\[\\s*)\"([A-Za-z][A-Za-z0-9_]*)\"")]
    private static partial Regex SingleKeyRead();

    [GeneratedRegex("\"%([A-Za-z0-9_]+)%\"")]
    private static partial Regex AppSettingReference();

    [GeneratedRegex("\\bConnection\\s*=\\s*\"([^\"]+)\"")]
    private static partial Regex ConnectionName();

    [GeneratedRegex("\\bconst\\s+string\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"")]
    private static partial Regex ConstString();

    [GeneratedRegex("\\[Function\\((?:nameof\\((\\w+)\\)|\"([^\"]+)\")\\)\\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex("\\[(?<kind>\\w+)\\((?<args>(?:[^()\"]|\"[^\"]*\")*)\\)")]
    private static partial Regex Attribute();

    [GeneratedRegex("(?i)(key|secret|password)$")]
    private static partial Regex SecretName();
}
