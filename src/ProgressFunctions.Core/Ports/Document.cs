namespace ProgressFunctions.Core.Ports;

/// <summary>A typed document in a school's partition: the envelope every document store keeps.</summary>
/// <remarks>
/// (<see cref="SchoolId"/>, <see cref="Type"/>, <see cref="Id"/>) identifies a document; the same id may be used by
/// two types. <see cref="ETag"/> is set by the store on every read and write and is opaque to callers: pass it back
/// to <see cref="IDocumentStore.ReplaceAsync{T}"/> for optimistic concurrency. It is ignored on upsert and create.
/// </remarks>
public sealed record Document<T>(string SchoolId, string Type, string Id, T Body, string? ETag = null)
{
    public DocumentKey Key => new(SchoolId, Type, Id);
}

/// <summary>The identity of a document, validated so that every adapter accepts the same keys.</summary>
/// <remarks>
/// School ids and types keep <see cref="Schools.RecordId"/>'s rule; ids are 1 to 190
/// characters without <c>/ \ ? #</c> or control characters (Cosmos DB's id rules, leaving room for the type prefix).
/// </remarks>
public readonly record struct DocumentKey(string SchoolId, string Type, string Id)
{
    public const int MaxIdLength = 190;

    /// <summary>Throws <see cref="ArgumentException"/> naming the part of the key that is not allowed.</summary>
    public void Validate()
    {
        ValidateName(SchoolId, "schoolId");
        ValidateName(Type, "type");
        if (string.IsNullOrEmpty(Id) || Id.Length > MaxIdLength)
        {
            throw new ArgumentException($"Document id must be 1 to {MaxIdLength} characters (type '{Type}').", nameof(Id));
        }

        foreach (char c in Id)
        {
            if (c is '/' or '\\' or '?' or '#' || char.IsControl(c))
            {
                throw new ArgumentException($"Document id '{Id}' contains '{c}', which is not allowed.", nameof(Id));
            }
        }
    }

    internal static void ValidateName(string value, string what)
    {
        if (Schools.RecordId.Check(value, $"A document {what}") is { } reason)
        {
            throw new ArgumentException(reason, what);
        }
    }
}
