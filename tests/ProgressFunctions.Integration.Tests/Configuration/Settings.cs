using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProgressFunctions.Infrastructure.Configuration;

namespace ProgressFunctions.Integration.Tests.Configuration;

/// <summary>Settings as a host sees them: environment-style pairs (<c>A__B=value</c>), the registration every host
/// makes, and its start-up validation.</summary>
internal static class Settings
{
    public static IConfiguration From(params string[] pairs) => new ConfigurationBuilder()
        .AddInMemoryCollection(pairs.Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0].Replace("__", ":", StringComparison.Ordinal), p[1])))
        .Build();

    public static ServiceProvider Services(params string[] pairs) =>
        new ServiceCollection().AddInfrastructure(From(pairs)).BuildServiceProvider();

    /// <summary>The failures start-up validation reports, none when the settings are good.</summary>
    public static IReadOnlyList<string> Failures(params string[] pairs)
    {
        using var services = Services(pairs);
        try
        {
            services.ValidateSettings();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (AggregateException ex)
        {
            return [.. ex.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }

    public static T Options<T>(ServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
