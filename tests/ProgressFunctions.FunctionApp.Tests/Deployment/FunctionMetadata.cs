using System.Text.Json;
using System.Text.RegularExpressions;
using ProgressFunctions.Infrastructure.Configuration;

namespace ProgressFunctions.FunctionApp.Tests.Deployment;

/// <summary>Reads the <c>functions.metadata</c> the Functions SDK generates: what the host indexes and binds.</summary>
internal static class FunctionMetadata
{
    public static IReadOnlyList<FunctionBinding> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var bindings = new List<FunctionBinding>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            string name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                string? Text(string property) => binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                bindings.Add(new FunctionBinding(
                    name,
                    Text("type")!,
                    Text("direction")!,
                    Text("queueName") ?? Text("path") ?? Text("schedule") ?? "",
                    Text("source"),
                    Text("connection")));
            }
        }

        return bindings;
    }
}

/// <summary>Every app setting the app reads, with where it is read: the options classes' settings
/// (<see cref="SettingNames"/>), the Function App's own, and those the bindings name.</summary>
internal static partial class SettingsCatalog
{
    public static IReadOnlyDictionary<string, string> Read(IReadOnlyList<FunctionBinding> bindings)
    {
        var settings = new SortedDictionary<string, string>(SettingNames.All.ToDictionary(s => s.Key, s => s.Value), StringComparer.Ordinal)
        {
            [ProgressFunctionsApp.TelemetrySetting] = nameof(ProgressFunctionsApp),
        };
        foreach (var binding in bindings)
        {
            foreach (Match reference in AppSettingReference().Matches(binding.Target))
            {
                settings.TryAdd(reference.Groups[1].Value, $"{binding.Function} ({binding.Type})");
            }

            if (binding.Connection is { } connection)
            {
                settings.TryAdd(connection, $"{binding.Function} ({binding.Type})");
            }
        }

        return settings;
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex AppSettingReference();
}
