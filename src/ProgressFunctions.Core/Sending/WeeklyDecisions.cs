using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Mentors;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>A recipient a weekly message could not be decided for, and why.</summary>
public sealed record NotDecided(string ReportId, ReportKind Kind, string RecipientId, string Reason);

/// <summary>What one school week decides to send: each mentor's digest and the weekly summary, and who could not be reached.</summary>
public sealed record WeeklySends(IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<NotDecided> NotReached);

/// <summary>Everything the weekly decision has in hand: the week, the school, and each mentee's figures as of the week's last day.</summary>
/// <remarks><see cref="MenteeFigures"/> holds a snapshot row for every pupil on a caseload and on roll, built as of <see cref="Week"/>'s end.</remarks>
public sealed record WeeklyInputs(
    string SchoolId,
    DateOnly Monday,
    DateRange Week,
    SchoolDirectory Directory,
    IReadOnlyDictionary<string, PupilRegister> Registers,
    IReadOnlyList<Pupil> OnRoll,
    IReadOnlyList<Mentee> Caseloads,
    IReadOnlyDictionary<string, PupilSnapshot> MenteeFigures,
    IReadOnlyDictionary<string, PupilProgress> Progress,
    Letterhead School)
{
    public IReadOnlyDictionary<string, string> OpenInterventions { get; init; } = new Dictionary<string, string>();
}

/// <summary>The weekly messages, built whole when decided: one digest per progress mentor about their mentees only, and the statutory summary.</summary>
/// <remarks>
/// A mentor's digest goes to a member of staff with the ProgressMentor role, about the pupils caseloads.csv puts on their
/// caseload who are on roll; nobody else's mentees are in it. A caseload naming someone who is not (or no longer) a
/// mentor, or who has no valid address, is recorded as not reached. The weekly summary goes to the attendance officers
/// and the headteacher.
/// </remarks>
public static class WeeklyDecisions
{
    public static WeeklySends For(WeeklyInputs week)
    {
        var messages = new List<OutgoingMessage>();
        var notReached = new List<NotDecided>();
        var label = ReportFormat.Date(week.Monday);
        var why = new SendReason($"weekly, school week of {week.Monday:yyyy-MM-dd}", week.Week.End);
        var folder = $"{week.SchoolId}/{AcademicYear.Containing(week.Monday).StartYear}/weekly/{week.Monday:yyyy-MM-dd}";
        MentorDigests(week, label, why, folder, messages, notReached);

        var summaryId = $"{ReportKind.WeeklySummary}.{week.Monday:yyyy-MM-dd}";
        var input = new WeeklySummaryInput(week.School.SchoolName, week.Monday, week.Week,
            [.. week.OnRoll.Where(p => week.Registers.ContainsKey(p.Id)).Select(p => week.Registers[p.Id])], week.Directory) { OpenInterventions = week.OpenInterventions };
        var lists = WeeklySummary.Lists(input);
        var summary = WeeklySummary.Build(input, lists);
        var (penalty, continuous) = lists;
        var atThreshold = penalty.Count;
        foreach (var role in new[] { StaffRoleKind.AttendanceOfficer, StaffRoleKind.Headteacher })
        {
            var routed = StaffRouting.Route(role, null, week.Directory);
            notReached.AddRange(routed.UnreachableStaffIds.Select(id => new NotDecided(summaryId, ReportKind.WeeklySummary, id, StaffRouting.NoAddressReason)));
            messages.AddRange(routed.Recipients.Select(member => new OutgoingMessage(summaryId, ReportKind.WeeklySummary,
                new Recipient(member.Id, RecipientKind.Staff, member.Email, member.DisplayName),
                new DocumentPayload(summary, ReportEmailComposer.ForWeeklySummary(week.School.SchoolName, member.DisplayName, label, atThreshold, continuous.Count(WeeklySummaryInput.ToNotify), summary.FileName), folder),
                why, [$"{role}"], week.School)));
        }

        return new WeeklySends([.. messages.DistinctBy(m => m.Id)], notReached);
    }

    private static void MentorDigests(WeeklyInputs week, string label, SendReason why, string folder, List<OutgoingMessage> messages, List<NotDecided> notReached)
    {
        var reportId = $"{ReportKind.MentorDigest}.{week.Monday:yyyy-MM-dd}";
        var mentors = week.Directory.Roles.Where(r => r.Role == StaffRoleKind.ProgressMentor).Select(r => r.StaffId).ToHashSet(StringComparer.Ordinal);
        foreach (var caseload in week.Caseloads.GroupBy(m => m.StaffId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var mentees = caseload.Select(m => m.PupilId).Distinct(StringComparer.Ordinal).Where(week.MenteeFigures.ContainsKey).ToList();
            if (mentees.Count == 0)
            {
                continue;
            }

            var member = week.Directory.Staff(caseload.Key);
            var refusal = member is null ? $"caseloads.csv names staff {caseload.Key}, who is not in the staff list"
                : !mentors.Contains(caseload.Key) ? $"caseloads.csv names staff {caseload.Key}, who is not a progress mentor"
                : !Email.EmailAddress.IsValid(member.Email) ? StaffRouting.NoAddressReason
                : null;
            if (refusal is not null)
            {
                notReached.Add(new NotDecided(reportId, ReportKind.MentorDigest, caseload.Key, refusal));
                continue;
            }

            var document = MentorDigest.Build(new MentorDigestInput(week.School.SchoolName, member!.DisplayName, week.Monday, week.Week,
                [.. mentees.Select(id => Mentee(week, id))]));
            messages.Add(new OutgoingMessage(reportId, ReportKind.MentorDigest,
                new Recipient(member.Id, RecipientKind.Staff, member.Email, member.DisplayName),
                new DocumentPayload(document, ReportEmailComposer.ForMentorDigest(week.School.SchoolName, member.DisplayName, label, mentees.Count, document.FileName),
                    $"{folder}/{member.Id}"),
                why, [$"{StaffRoleKind.ProgressMentor}: caseload of {mentees.Count} pupils"], week.School));
        }
    }

    private static MenteeWeek Mentee(WeeklyInputs week, string pupilId)
    {
        var progress = week.Progress.GetValueOrDefault(pupilId);
        return MenteeWeek.Of(week.MenteeFigures[pupilId], ReportFormat.NameOf(week.Directory, pupilId), week.Registers[pupilId], week.Week,
            progress?.Behaviour ?? [], progress?.Homework ?? [], progress?.Interventions ?? []);
    }
}
