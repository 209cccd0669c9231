using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressFunctions.Infrastructure;

/// <summary>The one JSON shape of stored documents, shared by every adapter so that data can move between them.</summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
