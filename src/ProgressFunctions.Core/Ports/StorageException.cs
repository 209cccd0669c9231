namespace ProgressFunctions.Core.Ports;

/// <summary>A storage operation failed for a reason the caller cannot fix by retrying the same call.</summary>
/// <remarks>The message names the resource (container, blob, queue, document) and what the service answered.
/// <see cref="Status"/> is the HTTP status where there is one (0 for the embedded store).</remarks>
public class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageException(string resource, int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Resource = resource;
        Status = status;
        ErrorCode = errorCode;
    }

    public string Resource { get; } = "";

    public int Status { get; }

    public string? ErrorCode { get; }
}

/// <summary>The store cannot be used at all: missing where one must exist, empty, truncated or damaged. Nothing was changed.</summary>
/// <remarks>Not retried: a person must act (restore a backup, point at the right folder). The CLI prints the message and exits 2.</remarks>
public sealed class StoreUnavailableException : StorageException
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
