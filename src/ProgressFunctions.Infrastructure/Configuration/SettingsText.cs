using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ProgressFunctions.Infrastructure.Configuration;

/// <summary>Checks the text of a configuration section against the options class it binds to, before binding.</summary>
/// <remarks>
/// <see cref="ConfigurationBinder"/> stops at the first value it cannot convert and names the CLR type; a person
/// fixing an app setting needs every bad one at once, by the name they set it under (<c>Section__Key</c>). So each
/// options class is bound by the standard binder only once this check has found nothing, and the check's problems
/// are reported by the options validators with the rest.
/// </remarks>
public static class SettingsText
{
    /// <summary>A configuration key as an app setting or environment variable spells it (<c>CosmosDb__Endpoint</c>).</summary>
    public static string Name(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The settings an options type binds in <paramref name="section"/>: one per settable scalar property.</summary>
    public static IEnumerable<string> Names(Type options, string section) =>
        Scalars(options).Select(p => Name(section + ":" + p.Name));

    /// <summary>One problem per value in <paramref name="section"/> that cannot become its property's type.</summary>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, Type options)
    {
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<string>();
        foreach (var property in Scalars(options))
        {
            if (section[property.Name] is not { } raw || raw.Trim().Length == 0)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            string? rule = type switch
            {
                _ when type == typeof(bool) => bool.TryParse(raw, out _) ? null : "must be true or false",
                _ when type == typeof(int) => int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "must be a whole number",
                _ when type == typeof(Uri) => IsHttpUri(raw.Trim()) ? null : "must be an absolute http(s) URL",
                _ when type == typeof(TimeSpan) => TimeSpan.TryParse(raw.Trim(), CultureInfo.InvariantCulture, out _) ? null : "must be a duration (hh:mm:ss)",
                // The binder would also take a number ("1") for an enum; a setting must name the choice ("Microsoft365").
                _ when type.IsEnum => char.IsAsciiLetter(raw.Trim()[0]) && raw.Trim().All(char.IsAsciiLetterOrDigit) && Enum.TryParse(type, raw.Trim(), ignoreCase: true, out _)
                    ? null
                    : "must be " + string.Join(" or ", Enum.GetNames(type)),
                _ => null,
            };
            if (rule is not null)
            {
                problems.Add($"{Name(section.Path + ":" + property.Name)} {rule}; it is '{raw}'.");
            }
        }

        return problems;
    }

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/> when <see cref="Problems"/> finds
    /// nothing; otherwise leaves the defaults for the validator to report against.</summary>
    public static void BindIfReadable(IConfigurationSection section, object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Problems(section, options.GetType()).Count == 0)
        {
            section.Bind(options);
        }
    }

    public static bool IsHttpUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static IEnumerable<PropertyInfo> Scalars(Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t
                && (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Uri) || t == typeof(TimeSpan)));
}
