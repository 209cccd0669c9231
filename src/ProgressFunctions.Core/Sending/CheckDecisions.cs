using System.Globalization;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>What one run of the daily check decides to send, built whole now: staff digests, and parent letters for one batch.</summary>
public sealed record CheckSends(IReadOnlyList<OutgoingMessage> Digests, IReadOnlyList<OutgoingMessage> Letters, IReadOnlyList<NotSent> LettersNotReached);

/// <summary>The messages of a daily check, decided when the check runs: each digest's rows and each letter are built here, from the registers of that moment.</summary>
/// <remarks>Dispatch only renders and sends them: what a digest says is what the check saw, however much later it is sent.</remarks>
public static class CheckDecisions
{
    /// <summary>Everything a run of the check has in hand when it decides.</summary>
    public sealed record CheckRunInputs(
        string SchoolId,
        string RunId,
        DateOnly AsOf,
        DateOnly? RegisterDate,
        int Run,
        SchoolCalendar Calendar,
        SchoolDirectory Directory,
        IReadOnlyDictionary<string, PupilRegister> Registers,
        IReadOnlyList<Pupil> OnRoll,
        Letterhead School)
    {
        /// <summary>Each pupil's interventions open on the day, as digests and lists mark them.</summary>
        public IReadOnlyDictionary<string, string> OpenInterventions { get; init; } = new Dictionary<string, string>();

        /// <summary>Whether no alert had been raised for the school before this run (<see cref="AttendanceDigestInput.FirstAlerts"/>).</summary>
        public bool FirstAlerts { get; init; }
    }

    public static IReadOnlyList<OutgoingMessage> Digests(CheckRunInputs run, IReadOnlyList<StaffDigest> digests)
    {
        var date = run.AsOf.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var why = new SendReason(run.Run == 1 ? "daily attendance check" : $"daily attendance check, run {run.Run} (today's marks arrived)", run.RegisterDate ?? run.AsOf);
        var messages = new List<OutgoingMessage>();
        foreach (var digest in digests)
        {
            if (run.Directory.Staff(digest.StaffId) is not { } member)
            {
                continue;
            }

            var document = AttendanceDigest.Build(AttendanceDigestInput.For(run.School.SchoolName, run.AsOf, run.RegisterDate, run.Run, digest.StaffId,
                digest.Alerts.Select(a => a.PupilId), run.Calendar, run.Directory, run.Registers, run.OnRoll) with
            {
                OpenInterventions = run.OpenInterventions,
                FirstAlerts = run.FirstAlerts,
                ThresholdsCrossed = [.. digest.Alerts.Where(a => a.Rule == Alerts.AlertRule.AttendanceThreshold).Select(a => new ThresholdCrossing(a.PupilId, a.Evidence, a.Severity))],
                LateOften = [.. digest.Alerts.Where(a => a.Rule == Alerts.AlertRule.Lateness).Select(a => new LatenessConcern(a.PupilId, a.Evidence))],
                Alerts = digest.Alerts,
            });
            var email = ReportEmailComposer.ForAttendanceDigest(run.School.SchoolName, member.DisplayName, date, document.FileName, run.FirstAlerts);
            // Each member of staff's digest differs (a year leader sees their year), so each is kept under its own name.
            var folder = $"{run.SchoolId}/{AcademicYear.Containing(run.AsOf).StartYear}/daily/{run.AsOf:yyyy-MM-dd}/{digest.StaffId}";
            messages.Add(new OutgoingMessage($"{ReportKind.AttendanceDigest}.{run.RunId}", ReportKind.AttendanceDigest,
                new Recipient(member.Id, RecipientKind.Staff, member.Email, member.DisplayName),
                new DocumentPayload(document, email, folder), why,
                [.. run.Directory.Roles.Where(r => r.StaffId == member.Id).Select(r => r.Scope is null ? $"{r.Role}" : $"{r.Role} for {r.Scope}").Distinct()], run.School));
        }

        return messages;
    }

    /// <summary>The day's digests that cannot be addressed (<see cref="DigestPlanner.NotReached"/>), as messages not sent with their reason.</summary>
    public static IReadOnlyList<NotDecided> DigestsNotReached(CheckRunInputs run, IReadOnlyList<DigestNotReached> notReached) =>
        [.. notReached.Select(n => new NotDecided($"{ReportKind.AttendanceDigest}.{run.RunId}", ReportKind.AttendanceDigest, n.RecipientId,
            $"{n.Reason}; {(n.Alerts == 1 ? "1 alert" : $"{n.Alerts} alerts")} not read"))];

    /// <summary>The letters due, one message per family member who may receive them; those not reached, with why.</summary>
    public static (IReadOnlyList<OutgoingMessage> Letters, IReadOnlyList<NotSent> NotReached) Letters(CheckRunInputs run, IReadOnlyList<LetterDue> due, ParentLetterRules rules, string batchId)
    {
        var messages = new List<OutgoingMessage>();
        var notReached = new List<NotSent>();
        foreach (var letter in due)
        {
            var routed = ParentRouting.Route([letter.PupilId], run.Directory);
            notReached.AddRange(routed.NotSent);
            if (run.Directory.Pupil(letter.PupilId) is not { } pupil)
            {
                continue;
            }

            var why = new SendReason($"attendance letter: below {letter.Stage.ToString("0.##", CultureInfo.InvariantCulture)}% this year", letter.Date);
            foreach (var envelope in routed.Envelopes)
            {
                var contact = run.Directory.Contact(envelope.ContactId)!;
                var document = AttendanceLetter.Build(new AttendanceLetterInput(run.School.SchoolName, letter, pupil, contact.DisplayName, run.School.ContactLine, rules.Template));
                var email = ReportEmailComposer.ForAttendanceLetter(run.School.SchoolName, contact.DisplayName, pupil.DisplayName, document.FileName, run.School.ContactLine);
                messages.Add(new OutgoingMessage($"{ReportKind.AttendanceLetter}.{letter.Id}", ReportKind.AttendanceLetter,
                    new Recipient(contact.Id, RecipientKind.Contact, envelope.Email, contact.DisplayName),
                    new DocumentPayload(document, email, $"{run.SchoolId}/{letter.Year.StartYear}/letters") { PupilIds = [letter.PupilId] },
                    why, [$"pupil {letter.PupilId}: parental responsibility, receives correspondence, no restriction"], run.School)
                { BatchId = batchId });
            }
        }

        return (messages, notReached);
    }
}
