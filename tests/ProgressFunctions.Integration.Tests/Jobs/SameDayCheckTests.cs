using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>The day's check before and after the export carrying today's marks: once when registers close, again when the marks arrive.</summary>
public class SameDayCheckTests
{
    private static readonly DateOnly s_today = JobsFixture.AsOf;   // Friday 5 December 2025 (GMT: 09:30 in England is 09:30 UTC)

    [Fact]
    public async Task PlanAsync_BeforeAndAfterRegistersClose_QueuesTheSchoolOnceAfter()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 10)));

        var before = await fixture.Context.Get<SchoolJobs>().PlanAsync(At(9, 29), CancellationToken.None);
        var after = await fixture.Context.Get<SchoolJobs>().PlanAsync(At(9, 30), CancellationToken.None);
        await fixture.Context.Get<SchoolJobs>().RunAsync(after[0], CancellationToken.None);
        var later = await fixture.Context.Get<SchoolJobs>().PlanAsync(At(9, 45), CancellationToken.None);

        Assert.Empty(before);
        Assert.Equal([SchoolJobKind.CheckAttendance, SchoolJobKind.TakeSnapshots], after.Select(m => m.Job));
        Assert.All(after, m => Assert.Equal(s_today, m.AsOf));
        Assert.Empty(later);
    }

    [Fact]
    public async Task Check_TodaysMarksMissingForSomePupils_SaysSoInTheSummaryAndOnTheCallList()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 60);
        var export = new Integrity.EditableExport(school);
        // One form's register not taken today: four pupils have marks to yesterday and none today.
        var notTaken = school.Pupils.Where(p => p.LeavingDate is null).Take(4).Select(p => p.Upn).ToHashSet(StringComparer.Ordinal);
        var attendance = export.Tables["attendance.csv"];
        attendance.Rows.RemoveAll(r => notTaken.Contains(r[attendance.Header.IndexOf("UPN")])
            && r[attendance.Header.IndexOf("Date")] == s_today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await fixture.IngestAsync(export.Zip());

        var check = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today, CancellationToken.None);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.EndsWith("; 4 pupils on roll have no mark for today", check.Message, StringComparison.Ordinal);
        using var callList = MimeKit.MimeMessage.Load(Directory.GetFiles(fixture.OutboxDirectory, "CallList.*.eml").Single());
        Assert.Contains("4 pupils on roll have no mark for today in the MIS export, so this list cannot say whether they are absent", callList.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoExportForSchoolDaysBeforeToday_DataManagersToldOncePerSpell()
    {
        using var fixture = new JobsFixture();
        // Registers to Monday 1 December; the checks of Thursday and Friday find none since.
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20, asOf: s_today.AddDays(-4))), "monday.zip");

        var thursday = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today.AddDays(-1), CancellationToken.None);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var friday = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today, CancellationToken.None);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.EndsWith("; no register imported for 2 school days before today, data managers told; no marks yet for today (measured to 2025-12-01)", thursday.Message, StringComparison.Ordinal);
        Assert.EndsWith("; no register imported for 3 school days before today, data managers told; no marks yet for today (measured to 2025-12-01)", friday.Message, StringComparison.Ordinal);
        var notices = Directory.GetFiles(fixture.OutboxDirectory, "ExportOverdue.*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        Assert.NotEmpty(notices);
        // One per data manager for the spell: Friday's check decided the same message as Thursday's.
        Assert.Equal(notices.Count, notices.Select(n => n.To.ToString()).Distinct().Count());
        Assert.All(notices, n => Assert.EndsWith(": MIS export overdue: no register since 1 December 2025", n.Subject, StringComparison.Ordinal));
        Assert.Contains("the 2 school days from 2 December 2025 to 3 December 2025", notices[0].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TodaysMarksArriveAfterIt_RunsAgainAndTellsNobodyTwice()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 60, asOf: s_today.AddDays(-1))), "thursday.zip");

        var morning = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today, CancellationToken.None);
        var nothingNew = await fixture.Context.Get<SchoolJobs>().AfterIngestAsync(JobsFixture.School, At(10, 0), CancellationToken.None);
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 60)), "friday.zip");
        var afterExport = await fixture.Context.Get<SchoolJobs>().AfterIngestAsync(JobsFixture.School, At(10, 5), CancellationToken.None);
        var again = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today, CancellationToken.None);

        Assert.Contains("no marks yet for today (measured to 2025-12-04)", morning.Message);
        Assert.Contains("already ran", nothingNew!.Message);
        Assert.Contains("run 2: today's marks arrived", afterExport!.Message);
        Assert.Equal(CheckOutcome.AlreadyRan, again.Outcome);

        var first = (await fixture.Context.Documents.ReadAsync<AlertDay>(JobsFixture.School, DocumentTypes.AlertDay, "2025-12-05"))!.Body;
        var second = (await fixture.Context.Documents.ReadAsync<AlertDay>(JobsFixture.School, DocumentTypes.AlertDay, "2025-12-05.2"))!.Body;
        Assert.Equal((false, new DateOnly(2025, 12, 4)), (first.MarksToday, first.RegisterDate));
        Assert.Equal((true, s_today, 2), (second.MarksToday, second.RegisterDate, second.Run));
        Assert.DoesNotContain(first.Alerts, a => a.Rule == Core.Alerts.AlertRule.NewUnexplainedAbsence);
        Assert.All(second.Alerts, a => Assert.DoesNotContain(first.Alerts, b => b.PupilId == a.PupilId && b.Rule == a.Rule && b.Level >= a.Level));

        // Both runs' digests go out; the second run's are new reports, and nothing is sent twice.
        var drained = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var sent = new List<SendRecord>();
        await foreach (var record in fixture.Context.Documents.ListAsync<SendRecord>(JobsFixture.School, DocumentTypes.Sent))
        {
            sent.Add(record.Body);
        }

        Assert.Equal(0, drained.Poisoned);
        Assert.Equal(sent.Count, sent.Select(s => (s.ReportId, s.RecipientId)).Distinct().Count());
        Assert.Contains(sent, s => s.ReportId == "AttendanceDigest.2025-12-05");
        Assert.NotEmpty(second.Alerts);   // today's N marks and late marks, unseen by the morning run
        Assert.Contains(sent, s => s.ReportId == "AttendanceDigest.2025-12-05.2");
    }

    [Fact]
    public async Task Check_SchoolsFirstAlerts_DigestSaysSoAndTheNextDaysListsOnlyNewOnes()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 60)));

        var thursday = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today.AddDays(-1), CancellationToken.None);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var friday = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, s_today, CancellationToken.None);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotEmpty(thursday.Alerts);
        Assert.Contains($"{thursday.Alerts.Count} alerts (the school's first alerts: every pupil already past a threshold)", thursday.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("first alerts", friday.Message, StringComparison.Ordinal);
        var first = await DigestTextsAsync(fixture, "2025-12-04");
        var next = await DigestTextsAsync(fixture, "2025-12-05");
        Assert.NotEmpty(first);
        Assert.All(first, text => Assert.Contains("These are the school's first alerts", text, StringComparison.Ordinal));
        Assert.All(next, text => Assert.DoesNotContain("first alerts", text, StringComparison.Ordinal));
        // The e-mails say so too: the first digest is long, and its reader is told why before opening it.
        var emails = Directory.GetFiles(fixture.OutboxDirectory, "AttendanceDigest.*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Select(m => (Subject: m.Subject ?? "", m.TextBody)).ToList();
        Assert.All(emails.Where(e => e.Subject.EndsWith("4 December 2025", StringComparison.Ordinal)),
            e => Assert.Contains("This is the school's first attendance check", e.TextBody, StringComparison.Ordinal));
        Assert.All(emails.Where(e => e.Subject.EndsWith("5 December 2025", StringComparison.Ordinal)),
            e => Assert.DoesNotContain("first attendance check", e.TextBody, StringComparison.Ordinal));
        Assert.Contains(emails, e => e.Subject.EndsWith("4 December 2025", StringComparison.Ordinal));
    }

    /// <summary>The text of every digest stored for <paramref name="day"/>, read from its PDF.</summary>
    private static async Task<List<string>> DigestTextsAsync(JobsFixture fixture, string day)
    {
        var texts = new List<string>();
        await foreach (var blob in fixture.Context.Blobs.ListAsync($"{JobResources.ReportsContainer}/{JobsFixture.School}/"))
        {
            if (!blob.Path.Name.Contains($"/daily/{day}/", StringComparison.Ordinal) || !blob.Path.Name.EndsWith($"attendance-digest-{day}.pdf", StringComparison.Ordinal))
            {
                continue;
            }

            var file = Path.Combine(fixture.Directory, $"digest-{day}-{texts.Count}.pdf");
            await using (var content = (await fixture.Context.Blobs.OpenReadAsync(blob.Path))!)
            await using (var target = File.Create(file))
            {
                await content.CopyToAsync(target);
            }

            var text = Integration.Tests.Reports.PdfTools.Run("pdftotext", $"-enc UTF-8 \"{file}\" -").Output;
            texts.Add(string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries)));
        }

        return texts;
    }

    private static DateTimeOffset At(int hour, int minute) => new(s_today.Year, s_today.Month, s_today.Day, hour, minute, 0, TimeSpan.Zero);
}
