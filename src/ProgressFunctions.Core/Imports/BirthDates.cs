using System.Globalization;

namespace ProgressFunctions.Core.Imports;

/// <summary>Warns of a date of birth that cannot be right: after the export was made, or more than a year outside the pupil's year group.</summary>
/// <remarks>
/// A protected parent report opens with the pupil's date of birth, so a mistyped one (2031 for 2013, day and month
/// swapped across a year) leaves the family with a file they cannot open, and nothing else in an import would notice.
/// A pupil in year group Y in the academic year starting 1 September A is born from 1 September A-Y-5 to 31 August
/// A-Y-4 (Reception is 0, nursery -1 and -2); a year either side is allowed, for a child taught out of their year
/// group. Warnings only: the date is imported as the MIS gives it. Without the export's date, or when pupils.csv has no
/// date-of-birth column (the stored dates stand), nothing is checked.
/// </remarks>
public static class BirthDates
{
    public static SchoolExport Warn(SchoolExport export)
    {
        // A pupils.csv without the column carries the stored dates: the warning is for the dates this export gives.
        if (export.ExportedAt is not { } exportedAt || export.AbsentColumns.Contains(Csv.PupilsCsv.DateOfBirth))
        {
            return export;
        }

        var made = DateOnly.FromDateTime(exportedAt.UtcDateTime);
        var issues = new List<ImportIssue>();
        foreach (var pupil in export.Pupils)
        {
            if (pupil.DateOfBirth is { } born && Problem(born, pupil.YearGroup, made) is { } problem)
            {
                var row = export.PupilRows.TryGetValue(pupil.Id, out var at) ? at : new RowRef("pupils.csv", 0);
                var column = row.File.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "DOB" : Csv.PupilsCsv.DateOfBirth.Name;
                issues.Add(ImportIssue.Warning(row.File, row.Line, column, born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), problem));
            }
        }

        return issues.Count == 0 ? export : export with { Issues = [.. export.Issues, .. issues] };
    }

    /// <summary>What is wrong with a date of birth for a pupil of <paramref name="yearGroup"/> in an export made on <paramref name="made"/>; null when it fits.</summary>
    public static string? Problem(DateOnly born, int yearGroup, DateOnly made)
    {
        var text = Long(born);
        if (born > made)
        {
            return $"the date of birth {text} is after the export was made ({Long(made)}): "
                + "correct it in the MIS (a protected report opens with it, so the family could not open theirs)";
        }

        var academicYear = made.Month >= 9 ? made.Year : made.Year - 1;
        var first = new DateOnly(academicYear - yearGroup - 5, 9, 1);
        var last = new DateOnly(academicYear - yearGroup - 4, 8, 31);
        if (born >= first.AddYears(-1) && born <= last.AddYears(1))
        {
            return null;
        }

        var year = yearGroup switch { < 0 => "nursery", 0 => "Reception", _ => string.Create(CultureInfo.InvariantCulture, $"Year {yearGroup}") };
        return $"a pupil in {year} this year is born between {Long(first)} and {Long(last)}, and {text} is more than a year outside that: "
            + "check the date of birth (a protected report opens with it) and the year group in the MIS";
    }

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
