using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Infrastructure.Email;
using ProgressFunctions.Infrastructure.Email.Microsoft365;
using ProgressFunctions.Infrastructure.Email.SendGrid;
using ProgressFunctions.Infrastructure.Email.Smtp;

namespace ProgressFunctions.Infrastructure.Configuration;

/// <summary>Every setting <see cref="InfrastructureServiceCollectionExtensions.AddInfrastructure"/> binds, by the name
/// an app setting or environment variable gives it, with the options class that binds it.</summary>
/// <remarks>Derived from the options classes themselves, so a new property is a new setting here too; the deployment
/// checks hold the sample settings and the Bicep to this list.</remarks>
public static class SettingNames
{
    public static IReadOnlyDictionary<string, string> All { get; } = Build();

    private static Dictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(IEnumerable<string> settings, string source)
        {
            foreach (var setting in settings)
            {
                names.TryAdd(setting, source);
            }
        }

        Add(SettingsText.Names(typeof(StorageSettings), StorageSettings.Section), nameof(StorageSettings));
        // A Functions connection: its own value, or the identity-based family the host itself also reads.
        Add(
            [StorageSettings.ConnectionSection, StorageSettings.ConnectionSection + "__blobServiceUri", StorageSettings.ConnectionSection + "__queueServiceUri"],
            nameof(StorageConnection));
        Add(SettingsText.Names(typeof(CosmosSettings), StorageSettings.CosmosSection), nameof(CosmosSettings));
        Add(SettingsText.Names(typeof(EmailOptions), EmailOptions.Section), nameof(EmailOptions));
        Add(SettingsText.Names(typeof(SendGridOptions), SendGridOptions.Section), nameof(SendGridOptions));
        Add(SettingsText.Names(typeof(Microsoft365Options), Microsoft365Options.Section), nameof(Microsoft365Options));
        Add(SettingsText.Names(typeof(SmtpOptions), SmtpOptions.Section), nameof(SmtpOptions));
        return names;
    }
}
