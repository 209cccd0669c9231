namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Where a storage account's Blob and Queue services are, and how to sign requests to them.</summary>
/// <remarks><see cref="AccountKey"/> is set for Shared Key (connection strings, Azurite); without it requests carry a
/// bearer token from Azure.Identity (managed identity), the only way in to accounts with Shared Key disabled.</remarks>
public sealed record StorageAccount(string AccountName, Uri BlobEndpoint, Uri QueueEndpoint, string? AccountKey)
{
    /// <summary>Azurite's account and well-known key: public, documented, and only ever valid for the emulator.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Parses an Azure Storage connection string, including <c>UseDevelopmentStorage=true</c>.</summary>
    public static StorageAccount FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out string? dev) && bool.TryParse(dev, out bool useDev) && useDev)
        {
            return new StorageAccount(
                DevelopmentAccountName,
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                DevelopmentAccountKey);
        }

        string account = parts.GetValueOrDefault("AccountName")
            ?? throw new FormatException("The storage connection string has no AccountName.");
        string? key = parts.GetValueOrDefault("AccountKey");
        string protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
        string suffix = parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
        Uri Endpoint(string name, string service) => parts.TryGetValue(name, out string? explicitUri)
            ? new Uri(explicitUri)
            : new Uri($"{protocol}://{account}.{service}.{suffix}");
        return new StorageAccount(account, Endpoint("BlobEndpoint", "blob"), Endpoint("QueueEndpoint", "queue"), key);
    }

    public override string ToString() => $"{AccountName} (blob {BlobEndpoint}, queue {QueueEndpoint})";
}
