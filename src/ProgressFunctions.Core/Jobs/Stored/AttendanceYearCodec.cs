using System.Globalization;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>Converts between stored <see cref="AttendanceYear"/> documents and stamped marks or registers.</summary>
/// <remarks>
/// A day is stored as <c>yyyy-MM-dd AM PM amStamp pmStamp</c>, <c>-</c> for an empty session (stamp 0). A trust
/// stores hundreds of thousands of such days and every job reads them, so both directions work on spans: one pass,
/// no split, no culture-aware parse (<see cref="AttendanceDayText"/>). The text is the same as before.
/// </remarks>
public static partial class AttendanceYearCodec
{
    public static string DocumentId(string pupilId, AcademicYear year) => string.Create(CultureInfo.InvariantCulture, $"{pupilId}.{year.StartYear}");

    /// <summary>The last day any of the documents marks a session, or null when none does.</summary>
    public static DateOnly? LastMarkedDay(IEnumerable<AttendanceYear> years)
    {
        DateOnly? last = null;
        foreach (var year in years)
        {
            // Days are in date order: the first marked day from the end is the year's last.
            for (var i = year.Days.Count - 1; i >= 0; i--)
            {
                var day = AttendanceDayText.Read(year.Days[i], year);
                if (day.Am is not null || day.Pm is not null)
                {
                    last = last is { } before && before >= day.Date ? before : day.Date;
                    break;
                }
            }
        }

        return last;
    }
}
