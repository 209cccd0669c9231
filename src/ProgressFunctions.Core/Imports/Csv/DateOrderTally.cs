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
    private (DateOnly First, DateOnly Last) _dayFirst = (DateOnly.MaxValue, DateOnly.MinValue);
    private (DateOnly First, DateOnly Last) _monthFirst = (DateOnly.MaxValue, DateOnly.MinValue);
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
                // Its day is 12 or under, so swapped it is a date too: the file's range read each way.
                _either++;
                _dayFirst = Widened(_dayFirst, date);
                _monthFirst = Widened(_monthFirst, new DateOnly(date.Year, date.Day, date.Month));
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

    /// <summary>The error that keeps out a file whose every date reads either way, when only read month first do they fit the day the export was made.</summary>
    /// <remarks>
    /// A day's or a week's export (10/09/2026 for 9 October) has no date past the 12th to give the order away. An export
    /// is made on or soon after its last register: read the right way its dates end within a fortnight before it and
    /// run over a few days. Read month first, 03/02 to 03/06 made on 6 March ends on 6 March; read day first it runs
    /// from February to June, past the export. So the file is refused when only the month-first reading fits, or both
    /// end near the export but the day-first reading spreads over weeks more (03/02 and 03/03 made on 3 March: 3 February
    /// and 3 March, or 2 and 3 March). Without the day the export was made, or with any date that reads one way only,
    /// this says nothing.
    /// </remarks>
    public ImportIssue? AmbiguousFileError(string file, string what, DateOnly? madeOn)
    {
        if (madeOn is not { } made || _either == 0 || _dayFirstOnly > 0 || _monthFirstOnly > 0)
        {
            return null;
        }

        bool Fits((DateOnly First, DateOnly Last) range) => range.Last <= made && made.DayNumber - range.Last.DayNumber <= Fortnight;
        static int Span((DateOnly First, DateOnly Last) range) => range.Last.DayNumber - range.First.DayNumber;
        if (!Fits(_monthFirst) || (Fits(_dayFirst) && Span(_dayFirst) <= Span(_monthFirst) + Week))
        {
            return null;
        }

        return ImportIssue.Error(file, 0, "", "", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"every date in {file} reads both ways: read day first (dd/MM/yyyy) they run from {_dayFirst.First:d MMMM yyyy} to {_dayFirst.Last:d MMMM yyyy}, read month first (MM/dd/yyyy) from {_monthFirst.First:d MMMM yyyy} to {_monthFirst.Last:d MMMM yyyy}, and the export was made on {made:d MMMM yyyy}. They look written month first, so none of its {what} are imported. Export dates as yyyy-MM-dd or dd/MM/yyyy"));
    }

    private static (DateOnly First, DateOnly Last) Widened((DateOnly First, DateOnly Last) range, DateOnly date) =>
        (date < range.First ? date : range.First, date > range.Last ? date : range.Last);

    private const int Week = 7;

    private const int Fortnight = 14;
}
