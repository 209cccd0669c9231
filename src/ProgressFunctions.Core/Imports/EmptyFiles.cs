namespace ProgressFunctions.Core.Imports;

/// <summary>Tells the person importing that a file of the export held only its header while the store holds data of its kind.</summary>
/// <remarks>
/// Such a file changes nothing (the stored contacts and marks stand), so without a word the import looks clean while
/// the export the school meant to send, perhaps a report in the MIS run with the wrong filter, never arrived.
/// </remarks>
public static class EmptyFiles
{
    public static SchoolExport Warn(SchoolExport export, StoredSchool stored)
    {
        var warnings = new List<ImportIssue>();
        if (export.FilesWithoutRows.Contains(Csv.ContactsCsv.FileName) && stored.Links.Count > 0)
        {
            warnings.Add(Warning(Csv.ContactsCsv.FileName, "contacts"));
        }

        if (export.FilesWithoutRows.Contains(Csv.AttendanceCsv.FileName) && stored.LastMarked is not null)
        {
            warnings.Add(Warning(Csv.AttendanceCsv.FileName, "attendance marks"));
        }

        return warnings.Count == 0 ? export : export with { Issues = [.. export.Issues, .. warnings] };
    }

    private static ImportIssue Warning(string file, string what) =>
        ImportIssue.Warning(file, 0, "", "",
            $"{file} holds only its header, no rows: the {what} already stored are kept as they are. If the MIS holds {what} for the school, export {file} again")
        with { TellDataManagers = true };
}
