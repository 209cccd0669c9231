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
    private readonly HashSet<DateOnly> _eitherDays = [];
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
                _eitherDays.Add(date);
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
    /// is made on or soon after its last register: read the right way, its dates up to the day it was made end within a
    /// fortnight before it and run over a few days (marks entered ahead, after that day, are left out either way and
    /// say nothing). So the file is refused when only the month-first reading fits, or both do but the day-first
    /// reading spreads over weeks more: 03/02 to 03/06 made on 6 March reads 2 to 6 March month first, but 3 February
    /// and 3 March day first (the rest falling after the export). Without the day the export was made, or with any date
    /// that reads one way only, this says nothing.
    /// </remarks>
    public ImportIssue? AmbiguousFileError(string file, string what, DateOnly? madeOn)
    {
        if (madeOn is not { } made || _eitherDays.Count == 0 || _dayFirstOnly > 0 || _monthFirstOnly > 0)
        {
            return null;
        }

        // Every date here has its day at 12 or under, so swapped it is a date too.
        var dayFirst = Range(_eitherDays, made);
        var monthFirst = Range(_eitherDays.Select(d => new DateOnly(d.Year, d.Day, d.Month)), made);
        bool Fits((DateOnly First, DateOnly Last)? range) => range is { } r && made.DayNumber - r.Last.DayNumber <= Fortnight;
        static int Span((DateOnly First, DateOnly Last)? range) => range is { } r ? r.Last.DayNumber - r.First.DayNumber : 0;
        if (!Fits(monthFirst) || (Fits(dayFirst) && Span(dayFirst) <= Span(monthFirst) + Week))
        {
            return null;
        }

        var (d, m) = (dayFirst is { } x ? $"run from {x.First:d MMMM yyyy} to {x.Last:d MMMM yyyy}" : "all fall after it", monthFirst!.Value);
        return ImportIssue.Error(file, 0, "", "", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"every date in {file} reads both ways: up to the day the export was made ({made:d MMMM yyyy}), read day first (dd/MM/yyyy) they {d}, read month first (MM/dd/yyyy) from {m.First:d MMMM yyyy} to {m.Last:d MMMM yyyy}. They look written month first, so none of its {what} are imported. Export dates as yyyy-MM-dd or dd/MM/yyyy"));
    }

    /// <summary>The first and last of the dates up to <paramref name="made"/>; null when none is.</summary>
    private static (DateOnly First, DateOnly Last)? Range(IEnumerable<DateOnly> dates, DateOnly made)
    {
        var upTo = dates.Where(d => d <= made).ToList();
        return upTo.Count == 0 ? null : (upTo.Min(), upTo.Max());
    }

    private const int Week = 7;

    private const int Fortnight = 14;
}
