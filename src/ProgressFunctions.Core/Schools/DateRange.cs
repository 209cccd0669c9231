using System.Globalization;

namespace ProgressFunctions.Core.Schools;

/// <summary>A run of calendar dates.</summary>
/// <remarks>Both ends inclusive: a one-day range has <c>Start == End</c>.</remarks>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    public bool IsEmpty => End < Start;

    public int Days => IsEmpty ? 0 : End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Overlaps(DateRange other) => !IsEmpty && !other.IsEmpty && Start <= other.End && other.Start <= End;

    public DateRange Intersect(DateRange other) =>
        new(Start > other.Start ? Start : other.Start, End < other.End ? End : other.End);

    public IEnumerable<DateOnly> Dates()
    {
        for (var d = Start; d <= End; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd} to {End:yyyy-MM-dd}");
}
