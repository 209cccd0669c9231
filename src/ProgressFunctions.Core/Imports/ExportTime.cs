using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>When an export is taken to have been made: what decides between its marks and the stored ones.</summary>
/// <remarks>
/// An export that says when it was made (a CTF header, <c>exportedAt</c> in school.json) is taken at its word. One that
/// does not is taken as made when it was uploaded, unless its attendance ends on an earlier day than the stored marks:
/// then it is an older export uploaded late. Taken as made at the end of its last marked day (midnight in England after
/// it), it still corrects marks older exports set, but changes no mark a later export set (an absence explained since
/// went back to N, and the next check raised overdue-N alerts), and the data manager is told.
/// </remarks>
public static class ExportTime
{
    /// <summary>The export with <see cref="SchoolExport.ExportedAt"/> set and a warning when it is older than the stored
    /// marks (<paramref name="storedLastMarked"/>: the last day they mark, null when none is stored); else the export as it is.</summary>
    public static SchoolExport Settle(SchoolExport export, DateOnly? storedLastMarked)
    {
        if (export.ExportedAt is not null || export.Attendance?.LastMarkedDay() is not { } ends || storedLastMarked is not { } stored || ends >= stored)
        {
            return export;
        }

        var warning = ImportIssue.Warning("school.json", 0, "exportedAt", "",
            $"the export does not say when it was made and its attendance ends on {ends:yyyy-MM-dd}, before the stored marks (to {stored:yyyy-MM-dd}): "
            + $"it is taken as made on {ends:yyyy-MM-dd}, so it changes no mark a later export set. If its marks are the newer, export again from the MIS");
        return export with { ExportedAt = SchoolClock.InstantOf(ends.AddDays(1), TimeOnly.MinValue), Issues = [.. export.Issues, warning] };
    }
}
