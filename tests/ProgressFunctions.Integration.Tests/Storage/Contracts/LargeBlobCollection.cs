namespace ProgressFunctions.Integration.Tests.Storage.Contracts;

/// <summary>Blob contract classes run alone: the 50 MB test measures the process's allocations, which parallel
/// tests would inflate.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeBlobCollection
{
    public const string Name = "Large blobs (not parallel)";
}
