using System.Globalization;
using System.Text.Json;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Schools;

/// <summary>The school.json settings read by the daily check and the reports, each parsed here and only here.</summary>
/// <remarks>
/// <see cref="Imports.SchoolProfile.Settings"/> keeps each setting as raw JSON text. Every reader asks this class,
/// which returns the default with an error naming the bad value; the import reports the same errors as warnings
/// (<see cref="Problems"/>), so a school learns of a bad value when it uploads it, not from a report.
/// </remarks>
public static class SchoolSettings
{
    public const string RegistersCloseKey = "registersClose";
    public const string NeedsAttentionKey = "needsAttention";
    public const string ContactLineKey = "contactLine";

    /// <summary>When the morning registers close, in England, unless the school says otherwise.</summary>
    public static TimeOnly DefaultRegistersClose { get; } = new(9, 30);

    /// <summary>The local time in England after which the day's attendance check runs: <c>"registersClose": "09:30"</c> (24-hour HH:mm).</summary>
    public static (TimeOnly Time, string? Error) RegistersClose(IReadOnlyDictionary<string, string> settings)
    {
        if (Text(settings, RegistersCloseKey) is not { } text)
        {
            return (DefaultRegistersClose, null);
        }

        return TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? (time, null)
            : (DefaultRegistersClose, $"{RegistersCloseKey} '{text}' is not a time of day as HH:mm (e.g. \"09:30\"); 09:30 is used");
    }

    /// <summary>The school's rule for which pupils need attention for their progress.</summary>
    public static (NeedsAttentionRule Rule, string? Error) NeedsAttention(IReadOnlyDictionary<string, string> settings)
    {
        var (rule, error) = NeedsAttentionRule.FromJson(settings.GetValueOrDefault(NeedsAttentionKey));
        return (rule ?? NeedsAttentionRule.Default, error is null ? null : error + "; the default rule is used");
    }

    /// <summary>Whom to contact, as the school wrote it, or the school office when it gave none.</summary>
    public static string ContactLine(IReadOnlyDictionary<string, string> settings, string schoolName) =>
        Text(settings, ContactLineKey) is { Length: > 0 } line ? line : $"the {schoolName} office";

    /// <summary>Each setting this class reads whose value is not usable: (key, value as written, reason).</summary>
    public static IEnumerable<(string Key, string Value, string Reason)> Problems(IReadOnlyDictionary<string, string> settings)
    {
        if (RegistersClose(settings).Error is { } close)
        {
            yield return (RegistersCloseKey, settings[RegistersCloseKey], close);
        }

        if (NeedsAttention(settings).Error is { } rule)
        {
            yield return (NeedsAttentionKey, settings[NeedsAttentionKey], rule);
        }
    }

    /// <summary>A setting's text: a JSON string unescaped (so <c>\"</c> reads as <c>"</c>), other JSON as written.</summary>
    private static string? Text(IReadOnlyDictionary<string, string> settings, string key)
    {
        if (settings.GetValueOrDefault(key) is not { } raw)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(raw);
            return json.RootElement.ValueKind == JsonValueKind.String ? json.RootElement.GetString() : raw;
        }
        catch (JsonException)
        {
            return raw;
        }
    }
}
