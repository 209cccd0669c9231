using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>
/// The figures staff read in the e-mails themselves, not only in the attached PDFs: the morning call list (worked from
/// a phone, in the e-mail body), the weekly summary's two counts and each mentor's number of mentees, read from the
/// outbox's MIME files and recounted from the export.
/// </summary>
public sealed partial class ReconciliationTests
{
    [Theory]
    [MemberData(nameof(Phases))]
    public async Task CallListEmail_EveryPupilToCallAndLateToday_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var today = school.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(today)).ToList();
        var body = Assert.Single(Bodies(school, "CallList"));

        var calls = onRoll.Select(p => (Pupil: p, Sessions: school.Export.MarksByUpn[p.Upn].Where(m => m.Date == today && m.Code == "N").Select(m => m.Session).Order(StringComparer.Ordinal).ToList()))
            .Where(x => x.Sessions.Count > 0).ToList();
        Assert.NotEmpty(calls);
        Assert.Contains($"Absent today with no reason given ({Number(calls.Count)}):", body);
        foreach (var (pupil, sessions) in calls)
        {
            var contacts = rows.ContactsByUpn[pupil.Upn].ToList();
            var restricted = contacts.Where(c => c.Restriction.Length > 0).Select(c => c.ContactId).Distinct().Count();
            var callable = contacts.Where(c => !contacts.Any(r => r.ContactId == c.ContactId && r.Restriction.Length > 0))
                .OrderBy(c => c.Priority).ThenBy(c => c.ContactId, StringComparer.Ordinal).DistinctBy(c => c.ContactId)
                .Select((c, i) => $"{i + 1}. {string.Join(' ', new[] { c.Title, c.Forename, c.Surname }.Where(p => p.Length > 0))} ({c.Relationship}{(c.ParentalResponsibility ? "" : ", no parental responsibility")}) {(c.Phone.Length == 0 ? "no phone number in the MIS" : c.Phone)}")
                .ToList();
            var line = $"{pupil.Listed} ({pupil.Form}), {string.Join(" and ", sessions)}: {(callable.Count == 0 ? "No contact the school may call is recorded" : string.Join("; ", callable))}"
                + (restricted == 0 ? "" : restricted == 1 ? ". 1 contact must not be contacted" : $". {restricted} contacts must not be contacted");
            Assert.Contains(line, body);
        }

        Assert.Equal(calls.Count, body.Count(l => l.Contains("), AM", StringComparison.Ordinal) || l.Contains("), PM", StringComparison.Ordinal)));
        var late = onRoll.SelectMany(p => school.Export.MarksByUpn[p.Upn].Where(m => m.Date == today && m.Code is "L" or "U").Select(m => (Pupil: p, Mark: m))).ToList();
        if (late.Count == 0)
        {
            Assert.Contains("Nobody arrived late today.", body);
            return;
        }

        var lateLine = Assert.Single(body, l => l.StartsWith("Late today (", StringComparison.Ordinal));
        Assert.StartsWith($"Late today ({Number(late.Count)}): ", lateLine, StringComparison.Ordinal);
        Assert.All(late, l => Assert.Contains($"{l.Pupil.Listed} ({l.Pupil.Form}) {l.Mark.Session} {l.Mark.Code}"
            + (l.Mark.MinutesLate is { } m ? $", {Number(m)} min" : "") + (rows.LateReasons.GetValueOrDefault((l.Pupil.Upn, today, l.Mark.Session)) is { } r ? $", {r}" : ""), lateLine, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task WeeklyEmails_ThresholdContinuousAndMenteeCounts_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var week = await WeekOf(school);
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(week.End)).ToList();
        var days = rows.SchoolDays.Where(d => d >= YearStart(week.End) && d <= week.End).ToList();
        var from = days.Select(Monday).Distinct().TakeLast(10).First();
        var penalty = onRoll.Count(p => Count(school.Export.MarksByUpn[p.Upn], PenaltyWindowFrom(p, from), week.End).Unauthorised >= 10);
        var continuous = onRoll.Count(p => Spells(school.Export.MarksByUpn[p.Upn], days)
            .Any(s => s.Days >= 10 && s.Last >= week.Start && DaysWithoutPermission(school.Export.MarksByUpn[p.Upn], s, days) >= 10));
        string Pupils(int n) => n == 1 ? "1 pupil has" : $"{Number(n)} pupils have";
        var summaries = Bodies(school, "WeeklySummary");
        Assert.NotEmpty(summaries);
        Assert.All(summaries, body => Assert.Contains(body, l => l.Contains(
            $": {Pupils(penalty)} reached the penalty-notice threshold, and {Pupils(continuous)} been absent without the school's permission for 10 or more school days in a row", StringComparison.Ordinal)));

        var mentees = rows.Caseloads.Where(c => onRoll.Any(p => p.Upn == c.Upn)).GroupBy(c => c.StaffId).ToDictionary(g => g.Key, g => g.Select(c => c.Upn).Distinct().Count());
        var digests = Bodies(school, "MentorDigest", withStaffId: true);
        Assert.Equal(mentees.Keys.Order(StringComparer.Ordinal), digests.Select(d => d.StaffId).Order(StringComparer.Ordinal));
        Assert.All(digests, d => Assert.Contains(d.Body, l => l.StartsWith(
            $"This week's digest for your {(mentees[d.StaffId] == 1 ? "mentee" : $"{Number(mentees[d.StaffId])} mentees")} is attached", StringComparison.Ordinal)));
    }

    /// <summary>The text bodies of the e-mails of one kind in the outbox, as lines (no-break spaces read as spaces).</summary>
    private static List<List<string>> Bodies(ReconciledSchool school, string kind) => [.. Bodies(school, kind, withStaffId: false).Select(b => b.Body)];

    private static List<(string StaffId, List<string> Body)> Bodies(ReconciledSchool school, string kind, bool withStaffId) =>
    [
        .. System.IO.Directory.GetFiles(school.Jobs.OutboxDirectory, $"{kind}.*.eml", SearchOption.AllDirectories).Select(file =>
        {
            using var message = MimeKit.MimeMessage.Load(file);
            var to = withStaffId ? RolesOf(school).StaffByEmail[message.To.Mailboxes.Single().Address.ToLowerInvariant()] : "";
            return (to, (message.TextBody ?? "").Replace('\u00A0', ' ').Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList());
        }),
    ];
}
