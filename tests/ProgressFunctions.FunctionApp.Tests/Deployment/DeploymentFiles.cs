using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProgressFunctions.FunctionApp.Tests.Deployment;

/// <summary>One binding of a function as the generated <c>functions.metadata</c> declares it.</summary>
/// <remarks><see cref="Target"/> is the queue name, the blob path or the timer schedule.</remarks>
internal sealed record FunctionBinding(string Function, string Type, string Direction, string Target, string? Source, string? Connection);

/// <summary>Everything that must agree for a deployment to work: the Function App's generated metadata, the settings
/// the code binds, the job resource names, the sample settings, host.json and the Bicep.</summary>
/// <remarks>Files are keyed by their path relative to the repository root, with forward slashes. Tests build this from
/// the repository and the build output (<see cref="Load"/>) or, to prove a check can fail, from edited copies.</remarks>
internal sealed record DeploymentFiles(
    IReadOnlyList<FunctionBinding> Bindings,
    IReadOnlyDictionary<string, string> SettingsRead,
    IReadOnlyDictionary<string, string> JobResources,
    string LocalSettingsSample,
    string HostJson,
    IReadOnlyDictionary<string, string> Bicep,
    string MainParameters)
{
    public const string FunctionAppFolder = "src/ProgressFunctions.FunctionApp";
    public const string LocalSettingsSamplePath = "local.settings.sample.json";
    public const string HostJsonPath = FunctionAppFolder + "/host.json";
    public const string MainParametersPath = "infra/main.parameters.json";

    /// <summary>The repository root: the nearest folder above the test assembly that holds ProgressFunctions.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The metadata the Functions SDK generated for this build, copied beside the tests.</summary>
    public static string MetadataPath { get; } = Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    public static DeploymentFiles Load(string root)
    {
        var bindings = FunctionMetadata.Read(File.ReadAllText(MetadataPath));
        return new DeploymentFiles(
            bindings,
            SettingsCatalog.Read(bindings),
            typeof(ProgressFunctions.Core.Jobs.JobResources).GetFields()
                .Where(f => f.IsLiteral)
                .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal),
            Read(root, LocalSettingsSamplePath),
            Read(root, HostJsonPath),
            SourcesUnder(root, "infra", "*.bicep"),
            Read(root, MainParametersPath));
    }

    /// <summary>A copy with one file's text replaced (the path must be one of the files).</summary>
    public DeploymentFiles With(string path, Func<string, string> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return path switch
        {
            LocalSettingsSamplePath => this with { LocalSettingsSample = edit(LocalSettingsSample) },
            HostJsonPath => this with { HostJson = edit(HostJson) },
            MainParametersPath => this with { MainParameters = edit(MainParameters) },
            _ when Bicep.ContainsKey(path) => this with { Bicep = Bicep.ToDictionary(f => f.Key, f => f.Key == path ? edit(f.Value) : f.Value, StringComparer.Ordinal) },
            _ => throw new ArgumentException($"No deployment file {path}.", nameof(path)),
        };
    }

    /// <summary>The <c>Values</c> of the sample settings.</summary>
    public IReadOnlyDictionary<string, string> SampleValues()
    {
        using var document = JsonDocument.Parse(LocalSettingsSample);
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
    }

    /// <summary>The Function App's app settings in Bicep: the properties of a <c>Microsoft.Web/sites/config</c> resource
    /// named <c>appsettings</c>, each with the Bicep expression that sets it.</summary>
    public IReadOnlyDictionary<string, (string File, string Expression)> BicepAppSettings()
    {
        var settings = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (file, text) in Bicep)
        {
            foreach (Match resource in Regex.Matches(text, @"resource\s+\w+\s+'Microsoft\.Web/sites/config@[^']+'\s*=\s*\{"))
            {
                string body = BicepText.Block(text, resource.Index + resource.Length - 1);
                if (!Regex.IsMatch(body, @"^\s*name:\s*'appsettings'", RegexOptions.Multiline))
                {
                    continue;
                }

                var properties = Regex.Match(body, @"^\s*properties:\s*\{", RegexOptions.Multiline);
                if (!properties.Success)
                {
                    continue;
                }

                string block = BicepText.Block(body, properties.Index + properties.Length - 1);
                foreach (var (key, expression) in BicepText.TopLevelProperties(block))
                {
                    settings[key] = (file, expression);
                }
            }
        }

        return settings;
    }

    private static Dictionary<string, string> SourcesUnder(string root, string folder, string pattern)
    {
        string directory = Path.Combine(root, folder);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{folder} is missing under {root}.");
        }

        return Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(root, path)))
            .Select(path => (Relative: Path.GetRelativePath(root, path).Replace('\\', '/'), Text: File.ReadAllText(path)))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)
            .ToDictionary(file => file.Relative, file => file.Text, StringComparer.Ordinal);
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split('/', '\\').Any(part => part is "bin" or "obj");

    private static string Read(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"{relative} is missing under {root}.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProgressFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ProgressFunctions.sln.");
    }
}

/// <summary>Just enough Bicep reading for the checks: balanced blocks, top-level properties, arrays and param defaults.</summary>
internal static class BicepText
{
    /// <summary>The text inside the bracket pair that opens at <paramref name="open"/> (<c>{</c> or <c>[</c>),
    /// skipping brackets inside strings and comments.</summary>
    public static string Block(string text, int open)
    {
        char opening = text[open];
        char closing = opening == '{' ? '}' : ']';
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                int end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
                continue;
            }

            if (c == opening)
            {
                depth++;
            }
            else if (c == closing && --depth == 0)
            {
                return text[(open + 1)..i];
            }
        }

        throw new FormatException($"Unbalanced '{opening}' at offset {open}.");
    }

    /// <summary>The properties of an object body at its own nesting level, as (name, expression) pairs.</summary>
    public static IEnumerable<(string Name, string Expression)> TopLevelProperties(string body)
    {
        int depth = 0;
        foreach (string rawLine in body.Split('\n'))
        {
            string line = StripComment(rawLine).Trim();
            if (depth == 0 && Regex.Match(line, @"^'?([A-Za-z_][A-Za-z0-9_.-]*)'?\s*:\s*(.*)$") is { Success: true } property)
            {
                yield return (property.Groups[1].Value, property.Groups[2].Value.Trim());
            }

            depth += Count(line, '{') + Count(line, '[') - Count(line, '}') - Count(line, ']');
        }
    }

    /// <summary>The string literals in the array assigned to <c>var <paramref name="name"/></c>.</summary>
    public static IReadOnlyList<string>? ArrayVariable(string text, string name)
    {
        var declaration = Regex.Match(text, @"\bvar\s+" + Regex.Escape(name) + @"\s*=\s*\[");
        if (!declaration.Success)
        {
            return null;
        }

        string body = Block(text, declaration.Index + declaration.Length - 1);
        var items = new List<string>();
        foreach (string rawLine in body.Split('\n'))
        {
            string line = StripComment(rawLine).Trim();
            if (Regex.Match(line, @"^'([^']*)'$") is { Success: true } literal)
            {
                items.Add(literal.Groups[1].Value);
            }
            else if (Regex.Match(line, @"^([A-Za-z_]\w*)$") is { Success: true } reference && StringVariable(text, reference.Groups[1].Value) is { } value)
            {
                items.Add(value);
            }
        }

        return items;
    }

    /// <summary>The value of <c>var name = '...'</c>, when it is a plain string literal.</summary>
    public static string? StringVariable(string text, string name) =>
        Regex.Match(text, @"\bvar\s+" + Regex.Escape(name) + @"\s*=\s*'([^'$]*)'") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The default of <c>param name string = '...'</c>, when it is a plain string literal.</summary>
    public static string? ParamDefault(string text, string name) =>
        Regex.Match(text, @"\bparam\s+" + Regex.Escape(name) + @"\s+string\s*=\s*'([^'$]*)'") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The text with each <c>${param}</c> replaced by that parameter's literal default, where it has one.</summary>
    public static string WithParamDefaults(string text) =>
        Regex.Replace(text, @"\$\{([A-Za-z_]\w*)\}", m => ParamDefault(text, m.Groups[1].Value) ?? m.Value);

    private static int SkipString(string text, int open)
    {
        for (int i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '\'')
            {
                return i;
            }
        }

        return text.Length;
    }

    private static string StripComment(string line)
    {
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '\'')
            {
                inString = !inString;
            }
            else if (!inString && line[i] == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                return line[..i];
            }
        }

        return line;
    }

    private static int Count(string line, char c)
    {
        int count = 0;
        bool inString = false;
        foreach (char x in line)
        {
            if (x == '\'')
            {
                inString = !inString;
            }
            else if (!inString && x == c)
            {
                count++;
            }
        }

        return count;
    }
}
