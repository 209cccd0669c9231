using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>Files the data managers must see (rows an import refused, reports held back at send), one message to each.</summary>
/// <remarks>Each data manager is a message of their own, so one bad address never stops another's copy.</remarks>
public static class StaffNotices
{
    /// <param name="kind">Which notice.</param>
    /// <param name="path">The file attached.</param>
    /// <param name="directory">The staff, to find the data managers.</param>
    /// <param name="school">The school's letterhead.</param>
    /// <param name="why">Why it is sent.</param>
    /// <param name="about">What the notice is about, as its e-mail names it: the export's file name for an import report.</param>
    /// <param name="lines">What the file holds, in a few lines for the e-mail's text.</param>
    public static (IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<string> Unreachable) ToDataManagers(
        ReportKind kind, string path, SchoolDirectory directory, Letterhead school, SendReason why, string? about = null, IReadOnlyList<string>? lines = null)
    {
        // The e-mail reads "<school>: <title>, <about>" and "The <title> for <about> is attached as <file>".
        var (title, period) = kind switch
        {
            ReportKind.ImportErrors => ("import report", about ?? "the latest MIS export"),
            ReportKind.ReportsHeldBack => ("Reports held back: the stored data no longer matches who they are about", "sending reports"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a notice to data managers"),
        };
        var routed = StaffRouting.Route(StaffRoleKind.DataManager, null, directory);
        return ([.. routed.Recipients.Select(m => new OutgoingMessage($"{kind}.{path}", kind,
            new Recipient(m.Id, RecipientKind.Staff, m.Email, m.DisplayName), new FilePayload(path, title, period) { Lines = lines ?? [] }, why, [nameof(StaffRoleKind.DataManager)], school))],
            routed.UnreachableStaffIds);
    }
}
