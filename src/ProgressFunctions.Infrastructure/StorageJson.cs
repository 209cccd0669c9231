using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ProgressFunctions.Infrastructure;

/// <summary>The one JSON shape of stored documents, shared by every adapter so that data can move between them.</summary>
/// <remarks>
/// Only what a reader sets is written: a property with no setter that no constructor parameter takes (a rate, a band,
/// a total worked out from the counts beside it) is left out, since reading would skip it and compute it again. In a
/// snapshot those were a fifth of the bytes, mostly 28-digit decimal rates. Documents written before, with them,
/// read the same; a reader of that time computes them from what is written now.
/// </remarks>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new StoredStrings(), new StoredProgress() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WrittenIfRead } },
    };

    private static void WrittenIfRead(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i] is { Set: null, AssociatedParameter: null })
            {
                type.Properties.RemoveAt(i);
            }
        }
    }
}
