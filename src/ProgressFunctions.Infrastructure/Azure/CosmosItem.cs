using System.Text.Json.Serialization;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>How a document is stored in Cosmos DB: <c>{ id, schoolId, type, key, body, _etag }</c>.</summary>
/// <remarks>Cosmos ids are unique per partition, not per type, so the stored id is <c>type:key</c> (types cannot hold
/// a colon). Queries filter on <c>schoolId</c> and <c>type</c>; <c>key</c> keeps the caller's id.</remarks>
internal sealed record CosmosItem<T>(string Id, string SchoolId, string Type, string Key, T Body)
{
    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string ItemId(string type, string key) => type + ":" + key;
}
