using System.Globalization;
using System.Text.Json;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Schools;

/// <summary>A school's settings from its school.json, each parsed and checked here, once, into a typed value.</summary>
/// <remarks>
/// <see cref="Parse"/> runs when school.json is read (at import and whenever the stored file is read again); a value
/// that is not usable is reported as an error of school.json naming the key, and its default is used. Every job reads
/// the typed record, never the JSON. Keys this version does not know are kept in <see cref="Other"/> as raw JSON.
/// </remarks>
public sealed record SchoolSettings
{
    /// <summary>When the morning registers close, in England, unless the school says otherwise.</summary>
    /// <remarks>Declared before <see cref="Default"/>: static initialisers run in order, and the default record reads it.</remarks>
    public static TimeOnly DefaultRegistersClose { get; } = new(9, 30);

    public static SchoolSettings Default { get; } = new();

    /// <summary><c>exportedAt</c>: when the MIS made the export; decides which of two exports is newer.</summary>
    public DateTimeOffset? ExportedAt { get; init; }

    /// <summary><c>alerts</c>: the attendance alert rules.</summary>
    public AlertRules Alerts { get; init; } = AlertRules.Default;

    /// <summary><c>parentLetters</c>: parent attendance letters (off unless turned on).</summary>
    public ParentLetterRules ParentLetters { get; init; } = ParentLetterRules.Off;

    /// <summary><c>contactLine</c>: whom to contact, as it reads in a sentence; null for the school office.</summary>
    public string? ContactLine { get; init; }

    /// <summary><c>protectParentReports</c>: parent PDFs encrypted with the pupil's date of birth.</summary>
    public bool ProtectParentReports { get; init; }

    /// <summary><c>registersClose</c>: the local time in England from which the day's check runs (24-hour HH:mm).</summary>
    public TimeOnly RegistersClose { get; init; } = DefaultRegistersClose;

    /// <summary><c>needsAttention</c>: which pupils the reports pick out for their progress.</summary>
    public NeedsAttentionRule NeedsAttention { get; init; } = NeedsAttentionRule.Default;

    /// <summary><c>reviewSchoolDays</c>: school days staff have to review a batch of parent messages before it goes (0 to 10).</summary>
    public int ReviewSchoolDays { get; init; } = Sending.BatchRules.DefaultReviewSchoolDays;

    /// <summary><c>sender</c>: the address the school's e-mail comes from; null for the configured default.</summary>
    public EmailAddress? Sender { get; init; }

    /// <summary><c>replyTo</c>: where replies go; null for the sender.</summary>
    public EmailAddress? ReplyTo { get; init; }

    /// <summary><c>senReport</c>: which sections the SEN report has, in what order; the standard report unless the school says otherwise.</summary>
    public Reports.Sen.SenReportFormat SenReport { get; init; } = Reports.Sen.SenReportFormat.Default;

    public IReadOnlyDictionary<string, string> Other { get; init; } = new Dictionary<string, string>();

    /// <summary>Whom to contact, as the school wrote it, or the school office when it gave none.</summary>
    public string ContactLineFor(string schoolName) => ContactLine ?? $"the {schoolName} office";

    /// <summary>The settings from school.json's top-level keys (each value as raw JSON), and every problem as (key, value, reason).</summary>
    public static (SchoolSettings Settings, IReadOnlyList<(string Key, string Value, string Reason)> Problems) Parse(IReadOnlyDictionary<string, string> raw)
    {
        var problems = new List<(string, string, string)>();
        T Read<T>(string key, T fallback, Func<string, (T? Value, string? Error)> parse)
        {
            if (!raw.TryGetValue(key, out var json))
            {
                return fallback;
            }

            var (value, error) = parse(json);
            if (error is not null || value is null)
            {
                problems.Add((key, json, $"{error ?? $"{key} is empty"}; the default is used"));
                return fallback;
            }

            return value;
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "exportedAt", "alerts", "parentLetters", "contactLine", "protectParentReports", "registersClose", "needsAttention", "reviewSchoolDays", "sender", "replyTo",
            "senReport",
        };
        var settings = new SchoolSettings
        {
            ExportedAt = Read<DateTimeOffset?>("exportedAt", null, j => Text(j) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? (at, null) : (null, $"exportedAt '{Text(j) ?? j}' is not a date and time such as \"2025-11-28T16:30:00Z\"")),
            Alerts = Read("alerts", AlertRules.Default, AlertRules.FromJson),
            ParentLetters = Read("parentLetters", ParentLetterRules.Off, ParentLetterRules.FromJson),
            ContactLine = Read<string?>("contactLine", null, j => Text(j) is { Length: > 0 } t ? (t, null) : (null, "contactLine must be a sentence in quotes")),
            ProtectParentReports = Read("protectParentReports", false, j => j.Trim() switch
            {
                "true" => (true, null),
                "false" => (false, null),
                _ => (false, $"protectParentReports must be true or false, not {j}"),
            }),
            RegistersClose = Read("registersClose", DefaultRegistersClose, j =>
                TimeOnly.TryParseExact(Text(j)?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                    ? (time, null) : (default, $"registersClose '{Text(j) ?? j}' is not a time of day as HH:mm (e.g. \"09:30\")")),
            NeedsAttention = Read("needsAttention", NeedsAttentionRule.Default, NeedsAttentionRule.FromJson),
            ReviewSchoolDays = Read("reviewSchoolDays", Sending.BatchRules.DefaultReviewSchoolDays, j =>
                int.TryParse(j, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 10
                    ? (days, null) : (0, $"reviewSchoolDays must be a whole number of school days from 0 to 10, not {j}")),
            Sender = Read<EmailAddress?>("sender", null, Address("sender")),
            ReplyTo = Read<EmailAddress?>("replyTo", null, Address("replyTo")),
            SenReport = Read("senReport", Reports.Sen.SenReportFormat.Default, Reports.Sen.SenReportFormat.FromJson),
            Other = raw.Where(kv => !known.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        };
        return (settings, problems);
    }

    private static Func<string, (EmailAddress?, string?)> Address(string key) => json =>
        Text(json) is not { } text ? (null, $"{key} must be an e-mail address in quotes")
        : EmailAddress.TryParse(text, out var address, out var error) ? (address, null)
        : (null, $"{key} '{text}' is not an e-mail address: {char.ToLowerInvariant(error[0])}{error[1..].TrimEnd('.')}");

    /// <summary>A JSON string's text, unescaped (so <c>\"</c> reads as <c>"</c>); null when the value is not a string.</summary>
    private static string? Text(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
