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
        }
        else if (cosmos.Endpoint is null)
        {
            problems.Add("CosmosDb__Endpoint is missing (or set CosmosDb__ConnectionString).");
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
}
