using System.Globalization;

namespace ProgressFunctions.Core.Reports;

/// <summary>The one writer of every CSV the product hands to people: RFC 4180 quoting, and no cell a spreadsheet would run.</summary>
/// <remarks>
/// School staff open these files in Excel or LibreOffice, and their cells hold text from MIS exports. A cell that
/// begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be run as a formula (CSV
/// injection, OWASP), so it is prefixed with an apostrophe, which spreadsheets show as text; a plain number such as
/// <c>-2</c> or <c>-0.5</c> cannot be a formula and is written as it is. Cells holding a comma, a quote or a line
/// break are quoted, quotes doubled. Lines end in CRLF. Core takes no packages, so the rule is written here once
/// (CsvHelper's <c>InjectionOptions.Escape</c> applies the same one).
/// </remarks>
public static class SpreadsheetCsv
{
    /// <summary>UTF-8 with its byte order mark: Excel opens a CSV without one in the PC's code page, and Zoë reads ZoÃ«.</summary>
    public static System.Text.Encoding Encoding { get; } = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The bytes of a whole CSV as every file handed to people is stored: <see cref="Encoding"/>, byte order mark first.</summary>
    public static byte[] Bytes(string csv) => [.. Encoding.GetPreamble(), .. Encoding.GetBytes(csv)];

    /// <summary>One row, cells escaped and joined, ending in CRLF.</summary>
    public static string Row(params IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(value) ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    private static bool IsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
