using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class PipelineTests
{
    [Fact]
    public async Task Pipeline_IngestCheckSnapshotDispatch_SendsEachReportOnce()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 40)));

        var check = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var snapshots = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var staffOnly = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var parentsBeforeRelease = Directory.GetFiles(fixture.OutboxDirectory, "Parent.*.eml").Length;
        await fixture.ReleaseAllAsync();
        var drained = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(CheckOutcome.Checked, check.Outcome);
        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(state.OnRoll(JobsFixture.AsOf).Count, check.Pupils.Count);
        Assert.NotEmpty(check.Alerts);
        Assert.Equal(["2025-26-autumn-start"], snapshots.Taken);
        Assert.True(snapshots.ReportsQueued > 0);
        Assert.Equal(0, drained.Poisoned + staffOnly.Poisoned);
        Assert.Equal(0, parentsBeforeRelease);
        var emails = Directory.GetFiles(fixture.OutboxDirectory, "*.eml");
        var ledger = new List<Core.Jobs.Stored.SendRecord>();
        await foreach (var sent in fixture.Context.Documents.ListAsync<Core.Jobs.Stored.SendRecord>(JobsFixture.School, Core.Jobs.Stored.DocumentTypes.Sent))
        {
            ledger.Add(sent.Body);
        }

        Assert.NotEmpty(emails);
        Assert.Equal(ledger.Count, emails.Length);
        Assert.Contains(ledger, r => r.ReportId.StartsWith("Parent.", StringComparison.Ordinal));
        Assert.Contains(ledger, r => r.ReportId.StartsWith("AttendanceDigest.", StringComparison.Ordinal));
        Assert.Contains(ledger, r => r.ReportId.StartsWith("YearGroup.", StringComparison.Ordinal));
        var pdfs = await ListAsync(fixture, "reports/100001/");
        Assert.Contains(pdfs, p => p.Contains("2025-26/autumn/2025-26-autumn-start-", StringComparison.Ordinal) && p.EndsWith(".pdf", StringComparison.Ordinal));
        // The start-of-term e-mail and its attachments say so: the term's end-of-term report comes weeks later.
        using var parentEmail = MimeKit.MimeMessage.Load(emails.First(f => Path.GetFileName(f).StartsWith("Parent.", StringComparison.Ordinal)));
        Assert.Contains(": Autumn term 2025/26 (start of term) progress report", parentEmail.Subject, StringComparison.Ordinal);
        Assert.All(parentEmail.Attachments, a => Assert.EndsWith(" - Autumn term 2025-26 (start of term) progress report.pdf", a.ContentDisposition?.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_TwoChildrenOfOneNameInOneFamily_TheirParentsAttachmentsAndParagraphsSayWhichIsWhich()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 120);
        var pupils = school.Pupils.ToDictionary(p => p.Id);
        // Siblings in different years, both with an e-mail for their parent: the MIS holds the younger under the elder's name.
        var withEmail = school.Contacts.Where(c => c.Email is not null).Select(c => c.Id).ToHashSet();
        var (contact, elder, younger) = school.ContactLinks.Where(l => l.Restriction is null && l.ReceivesCorrespondence && withEmail.Contains(l.ContactId))
            .GroupBy(l => l.ContactId)
            .Select(g => (Contact: g.Key, Children: g.Select(l => pupils[l.PupilId]).DistinctBy(p => p.Id).OrderByDescending(p => p.YearGroup).ToList()))
            .Where(f => f.Children.Count == 2 && f.Children[0].YearGroup != f.Children[1].YearGroup)
            .Select(f => (f.Contact, f.Children[0], f.Children[1]))
            .First();
        var export = new Integrity.EditableExport(school);
        var row = export.Pupils.Where("UPN", younger.Upn).Single();
        (string Column, string Value)[] elders = [("Legal Surname", elder.LegalSurname), ("Legal Forename", elder.LegalForename), ("Preferred Forename", elder.PreferredForename ?? "")];
        foreach (var (column, value) in elders)
        {
            export.Pupils.Set(row, column, value);
        }

        await fixture.IngestAsync(export.Zip(), "same-names.zip");

        await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        await fixture.ReleaseAllAsync();
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        var email = Directory.GetFiles(fixture.OutboxDirectory, $"Parent.*.{contact}*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single();
        var attachments = email.Attachments.Select(a => a.ContentDisposition?.FileName ?? "").Order(StringComparer.Ordinal).ToList();
        var name = elder.DisplayName;
        Assert.Equal([$"{name} - Year {elder.YearGroup} - Autumn term 2025-26 (start of term) progress report.pdf", $"{name} - Year {younger.YearGroup} - Autumn term 2025-26 (start of term) progress report.pdf"],
            attachments.OrderByDescending(a => a, StringComparer.Ordinal));
        Assert.Contains($"{name} (Year {younger.YearGroup})'s report", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{name} (Year {elder.YearGroup})'s report", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_RedeliveredRequest_SendsNothingTwice()
    {
        using var fixture = new JobsFixture();
        await Prepare(fixture);
        var request = await PeekAsync(fixture);

        var first = await fixture.Context.Get<DispatchJob>().HandleAsync(request, CancellationToken.None);
        var second = await fixture.Context.Get<DispatchJob>().HandleAsync(request, CancellationToken.None);

        Assert.Equal(1, first.Sent);
        Assert.Equal((0, 1), (second.Sent, second.AlreadySent));
    }

    [Fact]
    public async Task ReportDispatcher_SameRequestsHandledTwiceAtOnce_NobodyGetsTwo()
    {
        var counting = new FailingSender(failOnCall: int.MaxValue);
        using var fixture = new JobsFixture(counting);
        counting.Inner = fixture.Outbox;
        await Prepare(fixture);
        var messages = await fixture.Context.Queue.ReceiveAsync(JobResources.ReportRequestsQueue, 32, TimeSpan.FromMinutes(1));
        var requests = messages.Select(m => QueueMessages.Read<SendRequest>(m.Body).Message!).ToList();
        var dispatcher = fixture.Context.Get<ReportDispatcher>();

        // Each request handled twice at the same moment, as two hosts would after an early redelivery; a worker that
        // finds a live claim backs off, and its retry later finds the report sent.
        var attempts = await Task.WhenAll(requests.Concat(requests).Select(r => Task.Run(async () =>
            (await dispatcher.HandleAsync(r, CancellationToken.None)).RetryAfter is null)));
        foreach (var request in requests)
        {
            await dispatcher.HandleAsync(request, CancellationToken.None);
        }

        Assert.NotEmpty(counting.Accepted);
        Assert.Equal(counting.Accepted.Count, counting.Accepted.Distinct().Count());
        Assert.Equal(Directory.GetFiles(fixture.OutboxDirectory, "*.eml").Length, counting.Accepted.Count);
        Assert.Contains(true, attempts);
    }

    [Fact]
    public async Task Dispatch_SenderFailsOnSeventhMessage_RerunSendsTheRestAndNobodyGetsTwo()
    {
        var failing = new FailingSender(failOnCall: 7);
        using var fixture = new JobsFixture(failing);
        failing.Inner = fixture.Outbox;
        await Prepare(fixture);
        var queued = await fixture.Context.Queue.CountAsync(JobResources.ReportRequestsQueue);

        var first = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(5), CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var rerun = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal((queued - 1, 1), (first.Completed, first.Retried));
        Assert.Equal(1, rerun.Completed);
        Assert.Equal(failing.Accepted.Count, failing.Accepted.Distinct().Count());
        Assert.Equal(0, await fixture.Context.Queue.CountAsync(JobResources.ReportRequestsQueue));
    }

    [Fact]
    public async Task Dispatch_RequestThatAlwaysFails_LandsInPoisonQueueWithItsError()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 10)));
        await fixture.Context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue);
        await fixture.Context.Queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(new SendRequest(JobsFixture.School, "YearGroup.2099-00-autumn-end.7.staff")));

        var result = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((4, 1), (result.Retried, result.Poisoned));
        var poison = Assert.Single(await fixture.Context.Queue.ReceiveAsync(QueueNames.Poison(JobResources.ReportRequestsQueue), 10, TimeSpan.FromMinutes(1)));
        var record = PoisonMessage.FromJson(poison.Body);
        Assert.Equal(5, record.DequeueCount);
        Assert.Contains("outgoing message YearGroup.2099-00-autumn-end.7.staff of school 100001 is not stored", record.LastError);
    }

    private static async Task Prepare(JobsFixture fixture)
    {
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30)));
        await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        await fixture.ReleaseAllAsync();
    }

    private static async Task<SendRequest> PeekAsync(JobsFixture fixture)
    {
        var message = (await fixture.Context.Queue.ReceiveAsync(JobResources.ReportRequestsQueue, 1, TimeSpan.FromMinutes(1)))[0];
        await fixture.Context.Queue.CompleteAsync(JobResources.ReportRequestsQueue, message);
        return QueueMessages.Read<SendRequest>(message.Body).Message!;
    }

    private static async Task<List<string>> ListAsync(JobsFixture fixture, string prefix)
    {
        var paths = new List<string>();
        await foreach (var blob in fixture.Context.Blobs.ListAsync(prefix))
        {
            paths.Add(blob.Path.Value);
        }

        return paths;
    }

    /// <summary>Passes sends to the outbox but fails once, on the Nth call, as a provider outage would.</summary>
    private sealed class FailingSender(int failOnCall) : IEmailSender
    {
        private int _calls;

        public IEmailSender? Inner { get; set; }

        public System.Collections.Concurrent.ConcurrentQueue<string> Accepted { get; } = new();

        public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == failOnCall)
            {
                throw new EmailSendException("provider unavailable", isTransient: true, statusCode: 503, providerErrors: null, innerException: null);
            }

            var receipt = await Inner!.SendAsync(message, cancellationToken);
            Accepted.Enqueue(message.MessageKey);
            return receipt;
        }
    }
}
