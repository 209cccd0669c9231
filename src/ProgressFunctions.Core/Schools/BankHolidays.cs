using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace ProgressFunctions.Core.Schools;

/// <summary>Bank holidays of one UK division, from the gov.uk bank-holidays JSON format.</summary>
public sealed class BankHolidays
{
    private readonly FrozenDictionary<DateOnly, string> _titles;

    private BankHolidays(IEnumerable<KeyValuePair<DateOnly, string>> titles) => _titles = titles.ToFrozenDictionary();

    public static BankHolidays None { get; } = new([]);

    /// <summary>England and Wales, as shipped with the product (source noted in Schools/Data/SOURCES.md).</summary>
    public static BankHolidays EnglandAndWales { get; } = LoadShipped();

    public IEnumerable<DateOnly> Dates => _titles.Keys.Order();

    public bool Contains(DateOnly date) => _titles.ContainsKey(date);

    public string? TitleOf(DateOnly date) => _titles.GetValueOrDefault(date);

    public static BankHolidays FromDates(IEnumerable<(DateOnly Date, string Title)> dates) =>
        new(dates.Select(d => KeyValuePair.Create(d.Date, d.Title)));

    /// <summary>Parses the gov.uk format: <c>{ "england-and-wales": { "events": [ { "title", "date" } ] } }</c>.</summary>
    /// <exception cref="FormatException">The JSON lacks the division or holds a date that is not ISO yyyy-MM-dd.</exception>
    public static BankHolidays Parse(string json, string division = "england-and-wales")
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty(division, out var section) || !section.TryGetProperty("events", out var events))
        {
            throw new FormatException($"bank holidays JSON has no '{division}' division with events");
        }

        var titles = new List<KeyValuePair<DateOnly, string>>();
        foreach (var item in events.EnumerateArray())
        {
            var text = item.GetProperty("date").GetString();
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"bank holidays JSON: '{text}' is not a yyyy-MM-dd date");
            }

            titles.Add(KeyValuePair.Create(date, item.TryGetProperty("title", out var t) ? t.GetString() ?? "" : ""));
        }

        return new BankHolidays(titles);
    }

    private static BankHolidays LoadShipped()
    {
        using var stream = typeof(BankHolidays).Assembly.GetManifestResourceStream("ProgressFunctions.Core.Schools.Data.govuk_bank-holidays.json")
            ?? throw new InvalidOperationException("the shipped bank holidays resource is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
