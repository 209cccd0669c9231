using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ProgressFunctions.Infrastructure.Configuration;

/// <summary>Checks the storage settings at start-up; each failure is one line naming the setting to fix.</summary>
internal sealed class StorageSettingsValidator(IConfiguration configuration) : IValidateOptions<StorageSettings>
{
    public ValidateOptionsResult Validate(string? name, StorageSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        problems.AddRange(SettingsText.Problems(configuration.GetSection(StorageSettings.Section), typeof(StorageSettings)));
        problems.AddRange(SettingsText.Problems(configuration.GetSection(StorageSettings.ConnectionSection), typeof(StorageConnection)));
        problems.AddRange(SettingsText.Problems(configuration.GetSection(StorageSettings.CosmosSection), typeof(Azure.CosmosSettings)));
        if (problems.Count == 0 && options.Store == StoreKind.Azure)
        {
            CheckConnection(options.Connection, problems);
            CheckCosmos(options.Cosmos, problems);
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => "Storage settings: " + p));
    }

    private static void CheckConnection(StorageConnection connection, List<string> problems)
    {
        if (!connection.UsesIdentity)
        {
            CheckConnectionString(connection.ConnectionString!, problems);
            return;
        }

        if (connection.BlobServiceUri is null && connection.QueueServiceUri is null)
        {
            problems.Add("AzureWebJobsStorage is missing (or set AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__queueServiceUri for managed identity).");
            return;
        }

        if (connection.BlobServiceUri is null)
        {
            problems.Add("AzureWebJobsStorage__blobServiceUri is missing.");
        }

        if (connection.QueueServiceUri is null)
        {
            problems.Add("AzureWebJobsStorage__queueServiceUri is missing.");
        }
    }

    private static void CheckCosmos(Azure.CosmosSettings cosmos, List<string> problems)
    {
        if (cosmos.ConnectionString is { Length: > 0 } connection)
        {
            // Never quote the string: it holds the key.
            if (!connection.Contains("AccountEndpoint=", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("CosmosDb__ConnectionString has no AccountEndpoint=...; (expected AccountEndpoint=https://...;AccountKey=...;).");
            }

            if (ConnectionStringPart(connection, "AccountKey") is { } key && !IsAccountKey(key))
            {
                problems.Add("CosmosDb__ConnectionString: its AccountKey is not a Cosmos DB account key (base64, as the account's Keys page or the emulator's documentation gives it).");
            }
        }
        else if (cosmos.Endpoint is null)
        {
            problems.Add("CosmosDb__Endpoint is missing (or set CosmosDb__ConnectionString).");
        }
        else if (cosmos.Key is { Length: > 0 } key && !IsAccountKey(key))
        {
            problems.Add("CosmosDb__Key is not a Cosmos DB account key (base64, as the account's Keys page or the emulator's documentation gives it); leave it unset to sign in with managed identity.");
        }

        if (string.IsNullOrWhiteSpace(cosmos.Database))
        {
            problems.Add("CosmosDb__Database is missing.");
        }

        if (string.IsNullOrWhiteSpace(cosmos.Container))
        {
            problems.Add("CosmosDb__Container is missing.");
        }
    }

    // The SDKs parse these only when the first client is made, and then say nothing of the setting; never quote the value: it holds the key.
    private static void CheckConnectionString(string connection, List<string> problems)
    {
        try
        {
            _ = new BlobServiceClient(connection);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            problems.Add("AzureWebJobsStorage is not a storage connection string (expected UseDevelopmentStorage=true for Azurite, or DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net from the account's Access keys page).");
        }
    }

    private static string? ConnectionStringPart(string connection, string name) =>
        connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => part.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            .Select(part => part[(name.Length + 1)..])
            .FirstOrDefault();

    // A resource token (type=resource&...) is the one other credential the SDK takes in the key's place.
    private static bool IsAccountKey(string key) =>
        key.StartsWith("type=resource", StringComparison.OrdinalIgnoreCase)
        || Convert.TryFromBase64String(key.Trim(), new byte[key.Length], out _);
}
