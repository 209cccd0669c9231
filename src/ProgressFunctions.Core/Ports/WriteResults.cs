namespace ProgressFunctions.Core.Ports;

/// <summary>What <see cref="IDocumentStore.CreateIfAbsentAsync{T}"/> did.</summary>
public enum CreateOutcome
{
    /// <summary>This call wrote the document.</summary>
    Created,

    /// <summary>A document with the same key was already there; it was left untouched.</summary>
    AlreadyExisted,
}

/// <summary>The result of a create-if-absent: the outcome and the ETag of the document now stored.</summary>
public sealed record CreateResult(CreateOutcome Outcome, string? ETag)
{
    public bool Created => Outcome == CreateOutcome.Created;
}

/// <summary>What <see cref="IDocumentStore.ReplaceAsync{T}"/> did.</summary>
public enum ReplaceOutcome
{
    /// <summary>The stored ETag matched; the document was replaced.</summary>
    Replaced,

    /// <summary>Someone else wrote the document since the given ETag was read; nothing was written.</summary>
    ETagConflict,

    /// <summary>There is no document with this key; nothing was written.</summary>
    NotFound,
}

/// <summary>The result of a conditional replace, with the new ETag when it succeeded.</summary>
public sealed record ReplaceResult(ReplaceOutcome Outcome, string? ETag)
{
    public bool Replaced => Outcome == ReplaceOutcome.Replaced;
}
