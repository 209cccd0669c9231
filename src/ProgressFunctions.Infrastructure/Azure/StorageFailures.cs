using Azure;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Turns the Storage SDK's failures into <see cref="StorageException"/>s that name the resource.</summary>
internal static class StorageFailures
{
    /// <summary>The first line of the service's answer: the SDK's message goes on to list every header.</summary>
    public static StorageException Named(RequestFailedException failure, string operation, string resource) =>
        new(resource, failure.Status, failure.ErrorCode,
            $"{operation} of {resource} failed: the service answered {failure.Status} {failure.ErrorCode} {failure.Message.Split('\n')[0].Trim()}".TrimEnd(),
            failure);
}
