namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>How a file's slashed dates read, so that a file written month first (a US-format export) is kept out whole.</summary>
/// <remarks>
/// Dates are read day first. A date that reads only month first (03/20/2026) is refused on its row; when a file has such
/// dates and none that read only day first (20/03/2026), its ambiguous dates (03/04/2026) were read as the wrong day
/// too, and <see cref="FileError"/> keeps the whole file out.
/// </remarks>
internal sealed class DateOrderTally
{
    private long _dayFirstOnly;
    private long _monthFirstOnly;
    private long _either;
    private DateOnly _latestEither;
    private (int Line, string Text)? _first;

    /// <summary>Notes a date read; for one that did not parse, the reason to give on its row.</summary>
    public string? Note(ReadOnlySpan<char> text, bool parsed, int line, DateOnly date = default)
    {
        var order = FieldParse.OrderOf(text);
        if (parsed)
        {
            _dayFirstOnly += order == SlashOrder.DayFirst ? 1 : 0;
            if (order == SlashOrder.Either)
            {
                _either++;
                _latestEither = date > _latestEither ? date : _latestEither;
            }

            return null;
        }

        if (order != SlashOrder.MonthFirst)
        {
            return $"'{text}' is not a date (use yyyy-MM-dd or dd/MM/yyyy)";
        }

        _monthFirstOnly++;
        _first ??= (line, text.ToString());
        return $"'{text}' is written month first (MM/dd/yyyy); dates are read day first (dd/MM/yyyy) or as yyyy-MM-dd";
    }

    /// <summary>The error that keeps the whole file out, or null when its dates are day first.</summary>
    /// <param name="file">The file.</param>
    /// <param name="what">What of it is not imported: "marks", "records".</param>
    public ImportIssue? FileError(string file, string what) => _first is { } first && _dayFirstOnly == 0
        ? ImportIssue.Error(file, 0, "", "", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the dates of {file} are written month first (MM/dd/yyyy), as on line {first.Line} ('{first.Text}') and {_monthFirstOnly - 1} other rows: a date such as 03/04/2026 cannot be told from 3 April, so none of its {what} are imported. Export dates as yyyy-MM-dd or dd/MM/yyyy"))
        : null;

    /// <summary>The error that keeps out a file whose every date reads either way, when only month first do they end near the day the export was made.</summary>
    /// <remarks>
    /// A day's or a week's export (10/09/2026 for 9 October) has no date past the 12th to give the order away. An export
    /// is made on or soon after its last register, so dates that read day first end weeks before it (10 September) while
    /// read month first they end within a fortnight of it: the file is written month first. Without the day the export
    /// was made, or with any date that reads one way only, this says nothing.
    /// </remarks>
    public ImportIssue? AmbiguousFileError(string file, string what, DateOnly? madeOn)
    {
        if (madeOn is not { } made || _either == 0 || _dayFirstOnly > 0 || _monthFirstOnly > 0 || made.DayNumber - _latestEither.DayNumber <= Fortnight)
        {
            return null;
        }

        // Every date read was "Either", so its day is 12 or under: swapped, it is a date.
        var swapped = new DateOnly(_latestEither.Year, _latestEither.Day, _latestEither.Month);
        if (swapped > made || made.DayNumber - swapped.DayNumber > Fortnight)
        {
            return null;
        }

        return ImportIssue.Error(file, 0, "", "", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"every date in {file} reads both ways, and read day first (dd/MM/yyyy) they end on {_latestEither:d MMMM yyyy}, {made.DayNumber - _latestEither.DayNumber} days before the export was made ({made:d MMMM yyyy}); read month first they end on {swapped:d MMMM yyyy}. The dates look written month first (MM/dd/yyyy), so none of its {what} are imported. Export dates as yyyy-MM-dd or dd/MM/yyyy"));
    }

    private const int Fortnight = 14;
}
