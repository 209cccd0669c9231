using System.Globalization;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Who gets which report from a term snapshot (DESIGN.md section 7): one request per report and recipient.</summary>
/// <remarks>
/// Parents: one request per contact, carrying every child of theirs in the snapshot. Staff: year leaders their year,
/// subject leaders their subject, SENCOs and progress mentors the SEN report, the headteacher and progress assistants
/// the whole-school summary; the KS2 SATs summary comes from the KS2 results snapshot (<see cref="ForKs2"/>).
/// </remarks>
public static class ReportRequests
{
    public static (IReadOnlyList<ReportRequest> Requests, IReadOnlyList<NotSent> NotSent) For(TermSnapshot snapshot, string snapshotId, SchoolDirectory directory)
    {
        var school = snapshot.Key.SchoolId;
        var parents = ParentRouting.Route(snapshot.Pupils.Select(p => p.PupilId), directory);
        var requests = parents.Envelopes.Select(e => new ReportRequest(school, ReportKind.Parent, snapshotId, e.ContactId, null, e.PupilIds)).ToList();

        void Staff(ReportKind kind, StaffRoleKind role, string? scope) =>
            requests.AddRange(StaffRouting.Route(role, scope, directory).Recipients.Select(s => new ReportRequest(school, kind, snapshotId, s.Id, scope)));

        foreach (var year in snapshot.Pupils.Select(p => p.YearGroup).Distinct().Order())
        {
            Staff(ReportKind.YearGroup, StaffRoleKind.YearLeader, year.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var subject in snapshot.Pupils.SelectMany(p => p.Subjects).Select(s => s.Subject).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            Staff(ReportKind.Subject, StaffRoleKind.SubjectLeader, subject);
        }

        Staff(ReportKind.Sen, StaffRoleKind.Senco, null);
        Staff(ReportKind.Sen, StaffRoleKind.ProgressMentor, null);
        Staff(ReportKind.WholeSchool, StaffRoleKind.Headteacher, null);
        Staff(ReportKind.WholeSchool, StaffRoleKind.ProgressAssistant, null);
        requests.AddRange(ForKs2(snapshot, snapshotId, directory));
        return ([.. requests.DistinctBy(r => (r.Kind, r.Scope, r.RecipientId))], parents.NotSent);
    }

    /// <summary>The KS2 SATs summary for the headteacher and progress assistants, when the snapshot has one.</summary>
    public static IReadOnlyList<ReportRequest> ForKs2(TermSnapshot snapshot, string snapshotId, SchoolDirectory directory) =>
        snapshot.Ks2 is null ? [] :
        [.. new[] { StaffRoleKind.Headteacher, StaffRoleKind.ProgressAssistant }
            .SelectMany(role => StaffRouting.Route(role, null, directory).Recipients)
            .Select(s => new ReportRequest(snapshot.Key.SchoolId, ReportKind.Ks2, snapshotId, s.Id))
            .DistinctBy(r => r.RecipientId)];
}
