using System.Globalization;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>Who is sent what from a term snapshot: the parent messages (for one batch), the staff messages, and everyone not reached.</summary>
public sealed record SnapshotSends(IReadOnlyList<OutgoingMessage> Parents, IReadOnlyList<OutgoingMessage> Staff, IReadOnlyList<NotSent> NotReached, IReadOnlyList<string> StaffNotReached);

/// <summary>The decision, made once when a snapshot's reports are due, of every message they go out in (DESIGN.md section 7).</summary>
/// <remarks>
/// Parents: one message per contact, carrying each child of theirs in the snapshot (<see cref="ParentRouting"/>); when
/// the school protects reports with the date of birth, a pupil with none is not reached, with that reason. Staff: year
/// leaders their year, subject leaders their subject, SENCOs and progress mentors the SEN report, the headteacher and
/// progress assistants the whole-school summary and, when there is one, the KS2 summary; at the end of each term,
/// governors and the headteacher the governors' report (figures by pupil group, no pupil named).
/// </remarks>
public static class SnapshotDecisions
{
    public static SnapshotSends For(TermSnapshot snapshot, string snapshotId, SchoolDirectory directory, Letterhead school, bool protect, string batchId)
    {
        var (parents, notReached) = Parents(snapshot, snapshotId, directory, school, protect, batchId);
        var (staff, unreachable) = Staff(snapshot, snapshotId, directory, school, Why(snapshot));
        return new SnapshotSends(parents, staff, notReached, unreachable);
    }

    /// <summary>The parent messages of a snapshot for <paramref name="directory"/>, and every pupil or contact they do not reach with the reason.</summary>
    /// <remarks>Made when the snapshot's reports are due, and again from the data stored then when its batch is released (<see cref="BatchAmendment"/>).</remarks>
    public static (IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<NotSent> NotReached) Parents(
        TermSnapshot snapshot, string snapshotId, SchoolDirectory directory, Letterhead school, bool protect, string batchId)
    {
        var why = Why(snapshot);
        var upns = snapshot.Pupils.ToDictionary(p => p.PupilId, p => p.Upn ?? directory.Pupil(p.PupilId)?.Upn ?? "", StringComparer.Ordinal);
        var routed = ParentRouting.Route(snapshot.Pupils.Select(p => p.PupilId), directory);
        var noDateOfBirth = protect
            ? snapshot.Pupils.Select(p => p.PupilId).Where(id => directory.Pupil(id)?.DateOfBirth is null).ToHashSet(StringComparer.Ordinal)
            : [];
        var parents = new List<OutgoingMessage>();
        foreach (var envelope in routed.Envelopes)
        {
            var children = envelope.PupilIds.Where(id => !noDateOfBirth.Contains(id)).ToList();
            if (children.Count == 0 || directory.Contact(envelope.ContactId) is not { } contact)
            {
                continue;
            }

            parents.Add(new OutgoingMessage(
                $"{ReportKind.Parent}.{snapshotId}", ReportKind.Parent,
                new Recipient(contact.Id, RecipientKind.Contact, envelope.Email, contact.DisplayName),
                new ParentReportPayload(snapshotId, [.. children.Select(id => new ChildRef(id, upns[id]))], protect) { AlsoFor = envelope.AlsoFor.Count == 0 ? null : envelope.AlsoFor },
                why,
                [.. children.Select(id => $"pupil {id}: parental responsibility, receives correspondence, no restriction")],
                school)
            { BatchId = batchId });
        }

        // A protected report of a child with no date of birth goes to no one: no contact is "sent it once" on another's behalf.
        var notReached = routed.NotSent.Where(n => !(n.Reason == NotSentReason.SameAddressAsAnotherContact && noDateOfBirth.Contains(n.PupilId)))
            .Concat(noDateOfBirth.Order(StringComparer.Ordinal).Select(id => new NotSent(id, null, NotSentReason.NoDateOfBirthForProtectedReport, "reports are protected with the date of birth, and the MIS gives none")))
            .ToList();
        return (parents, notReached);
    }

    private static SendReason Why(TermSnapshot snapshot) => new($"{snapshot.Key.Term} {snapshot.Key.Point} snapshot {snapshot.Key.Year}".ToLowerInvariant(), snapshot.AsOf);

    /// <summary>The staff messages of a snapshot, and the staff ids a role names who have no valid address.</summary>
    public static (IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<string> Unreachable) Staff(TermSnapshot snapshot, string snapshotId, SchoolDirectory directory, Letterhead school, SendReason why)
    {
        var messages = new List<OutgoingMessage>();
        var unreachable = new List<string>();
        void Route(ReportKind kind, StaffRoleKind role, string? scope)
        {
            var routed = StaffRouting.Route(role, scope, directory);
            unreachable.AddRange(routed.UnreachableStaffIds);
            messages.AddRange(routed.Recipients.Select(s => new OutgoingMessage(
                scope is null ? $"{kind}.{snapshotId}" : $"{kind}.{snapshotId}.{scope}", kind,
                new Recipient(s.Id, RecipientKind.Staff, s.Email, s.DisplayName),
                new StaffReportPayload(snapshotId, scope), why, [scope is null ? $"{role}" : $"{role} for {scope}"], school)));
        }

        if (snapshot.Key.Point != SnapshotPoint.Ks2Results)
        {
            foreach (var year in snapshot.Pupils.Select(p => p.YearGroup).Distinct().Order())
            {
                Route(ReportKind.YearGroup, StaffRoleKind.YearLeader, year.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var subject in snapshot.Pupils.SelectMany(p => p.Subjects).Select(s => s.Subject).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            {
                Route(ReportKind.Subject, StaffRoleKind.SubjectLeader, subject);
            }

            // The SEN report names every SEN pupil: it goes to the SENCO only. A progress mentor gets the weekly digest of
            // their own mentees (caseloads.csv) instead, so no mentor sees another mentor's mentees.
            Route(ReportKind.Sen, StaffRoleKind.Senco, null);
            Route(ReportKind.WholeSchool, StaffRoleKind.Headteacher, null);
            Route(ReportKind.WholeSchool, StaffRoleKind.ProgressAssistant, null);
        }

        if (snapshot.Key.Point == SnapshotPoint.End)
        {
            Route(ReportKind.Governors, StaffRoleKind.Governor, null);
            Route(ReportKind.Governors, StaffRoleKind.Headteacher, null);
        }

        if (snapshot.Ks2 is not null)
        {
            Route(ReportKind.Ks2, StaffRoleKind.Headteacher, null);
            Route(ReportKind.Ks2, StaffRoleKind.ProgressAssistant, null);
        }

        return ([.. messages.DistinctBy(m => m.Id)], [.. unreachable.Distinct(StringComparer.Ordinal)]);
    }
}
