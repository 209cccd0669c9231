using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>Staff messages the daily check cannot address: each recorded with its reason, listed by day, and named in the check's summary.</summary>
public class StaffNotReachedTests
{
    private static readonly DateOnly s_today = JobsFixture.AsOf;   // Friday 5 December 2025: the week's last day, so the weekly summary is due

    [Fact]
    public async Task Check_AttendanceOfficerWithNoAddressAndYearLeaderWithABadOne_EveryMessageForThemRecordedAndNamed()
    {
        using var fixture = new JobsFixture();
        var export = new Integrity.EditableExport(JobsFixture.Generate(pupils: 60));
        var staff = export.Staff;
        var officer = staff.Rows.FindIndex(r => r[staff.Header.IndexOf("Roles")].Contains("AttendanceOfficer", StringComparison.Ordinal));
        var leader = staff.Rows.FindIndex(r => r[staff.Header.IndexOf("Roles")].Split(';').Contains("YearLeader:7"));
        staff.Set(officer, "Email", "");
        staff.Set(leader, "Email", "not-an-address");
        var (officerId, leaderId) = (staff.Get(officer, "Staff ID"), staff.Get(leader, "Staff ID"));
        await fixture.IngestAsync(export.Zip());

        var check = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today, CancellationToken.None);
        var sent = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(CheckOutcome.Checked, check.Outcome);
        var listed = await fixture.Context.Get<SendLedger>().NotSentOnAsync(JobsFixture.School, s_today, CancellationToken.None);
        const string NoAddress = "the member of staff has no valid e-mail address";
        Assert.Contains(listed, e => e.RecipientId == officerId && e.Kind == ReportKind.AttendanceDigest && e.Reason.StartsWith(NoAddress, StringComparison.Ordinal));
        Assert.Contains(listed, e => e.RecipientId == officerId && e.Kind == ReportKind.CallList && e.Reason == NoAddress);
        Assert.Contains(listed, e => e.RecipientId == officerId && e.Kind == ReportKind.WeeklySummary && e.Reason == NoAddress);
        Assert.DoesNotContain(listed, e => e.RecipientId == "attendance-officers");
        var year7Leads = check.Alerts.Any(a => a.Audience.Contains(StaffRoleKind.YearLeader) && check.Pupils.Single(p => p.Pupil.Id == a.PupilId).Pupil.YearGroup == 7);
        Assert.Equal(year7Leads, listed.Any(e => e.RecipientId == leaderId && e.Kind == ReportKind.AttendanceDigest));
        Assert.Equal(listed.Count, check.StaffNotReached.Count);
        // run-due and the Function App say someone must act, as check-attendance does with its exit code.
        Assert.True(SchoolJobOutcome.Of(check).NeedsSomeone);
        Assert.Contains($"{listed.Count(e => e.Reason.StartsWith(NoAddress, StringComparison.Ordinal))} staff messages not sent (no e-mail address): ", check.Message, StringComparison.Ordinal);
        Assert.Contains($"{officerId} (attendance digest, call list, weekly summary)", check.Message, StringComparison.Ordinal);
        Assert.Equal(year7Leads, check.Message.Contains($"{leaderId} (attendance digest)", StringComparison.Ordinal));
        Assert.Equal(0, sent.Poisoned);
    }
}
