using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>The morning call list, decided once a day when the register for the day is in: one message to each attendance officer.</summary>
/// <remarks>
/// The list and its e-mail are built when decided, from the registers of that moment. A school with no attendance officer
/// who can be reached has the list recorded as not sent, with that reason.
/// </remarks>
public static class CallListDecisions
{
    public static (IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<NotDecided> NotReached) For(CheckDecisions.CheckRunInputs run, Func<string, SessionOfDay, string?> lateReason)
    {
        var reportId = $"{ReportKind.CallList}.{run.AsOf:yyyy-MM-dd}";
        var input = new CallListInput(run.School.SchoolName, run.AsOf, [.. run.OnRoll.Where(p => run.Registers.ContainsKey(p.Id)).Select(p => run.Registers[p.Id])], run.Directory,
            lateReason) { OpenInterventions = run.OpenInterventions };
        var entries = CallList.Entries(input);
        var document = CallList.Build(input, entries);
        var lines = CallList.EmailLines(entries);
        var date = ReportFormat.Date(run.AsOf);
        var why = new SendReason("morning call list: today's register is in", run.AsOf);
        var folder = $"{run.SchoolId}/{AcademicYear.Containing(run.AsOf).StartYear}/daily/{run.AsOf:yyyy-MM-dd}";
        return RoleMessages.For(reportId, ReportKind.CallList, StaffRoleKind.AttendanceOfficer, run.Directory,
            member => new DocumentPayload(document, ReportEmailComposer.ForCallList(run.School.SchoolName, member.DisplayName, date, document.FileName, lines), folder),
            why, run.School);
    }
}
