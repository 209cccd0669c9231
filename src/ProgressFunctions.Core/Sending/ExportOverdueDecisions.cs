using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports.DataManagers;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>The notice to the data managers that the MIS export is overdue, decided by the check that finds it: one message to each.</summary>
/// <remarks>
/// Its id names the last register imported, so a spell without exports is told once, however many checks run in it, and a
/// new spell after an export has come is told again. A school with no data manager who can be reached has it recorded
/// as not sent, with that reason.
/// </remarks>
public static class ExportOverdueDecisions
{
    public static (IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<NotDecided> NotReached) For(CheckDecisions.CheckRunInputs run, ExportOverdue overdue)
    {
        var reportId = $"{ReportKind.ExportOverdue}.{overdue.LastMarked?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? $"none-{AcademicYear.Containing(run.AsOf)}"}";
        var document = overdue.Document(run.School.SchoolName);
        var why = new SendReason($"attendance check: no register imported for {overdue.Missing.Count} school days", run.AsOf);
        var folder = $"{run.SchoolId}/{AcademicYear.Containing(run.AsOf).StartYear}/daily/{run.AsOf:yyyy-MM-dd}";
        return RoleMessages.For(reportId, ReportKind.ExportOverdue, StaffRoleKind.DataManager, run.Directory,
            member => new DocumentPayload(document, ReportEmailComposer.ForExportOverdue(run.School.SchoolName, member.DisplayName, document.Title, document.FileName, overdue.Lines()), folder),
            why, run.School);
    }
}
