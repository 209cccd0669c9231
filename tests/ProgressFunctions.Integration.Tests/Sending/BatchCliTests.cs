using System.Text.Json;
using System.Text.RegularExpressions;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Integration.Tests.Cli;
using ProgressFunctions.Integration.Tests.Integrity;

namespace ProgressFunctions.Integration.Tests.Sending;

/// <summary>
/// The school's control of what reaches families, as a data manager uses it: a snapshot prepares a batch and a
/// preview; nothing reaches parents before release; hold stops it; release sends each message once; an older batch
/// never goes without --include-stale; <c>sent</c> and <c>not-sent</c> agree with the outbox and the preview.
/// </summary>
public class BatchCliTests
{
    private const string School = "100001";
    private const string AutumnStart = "parents-2025-26-autumn-start";
    private const string AutumnEnd = "parents-2025-26-autumn-end";

    [Fact]
    public void Batches_FromSnapshotToRelease_FamiliesGetEachReportOnceAndOnlyWhenReleased()
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 30).WriteFolder(Path.Combine(folder, "export"));
        string[] data = ["--data", Path.Combine(folder, "data")];
        string Run(int exit, params string[] args)
        {
            var result = CliProcess.Run(folder, [.. args, .. data]);
            Assert.True(exit == result.ExitCode, $"progress {string.Join(' ', args)} exited {result.ExitCode}: {result.Output}{result.Error}");
            return result.Output + result.Error;
        }

        Run(0, "ingest", "export", "--school", School);
        var snapshot = Run(0, "snapshot", "--school", School, "--term", "autumn", "--point", "start", "--as-of", "2025-12-05");
        Run(0, "dispatch");
        var previews = Outbox(folder, "BatchPreview.");
        var parentsBeforeRelease = Outbox(folder, "Parent.").Count;
        var prepared = Batches(Run(0, "batches", "--school", School, "--json"));

        Run(0, "hold", "--school", School, "--batch", AutumnStart, "--reason", "checking Year 9 grades");
        // After the review period, with the autumn-start batch held; the autumn-end snapshot becomes due and makes a newer batch.
        Run(0, "run-due", "--as-of", "2025-12-09");
        var afterRunDue = Batches(Run(0, "batches", "--school", School, "--json"));
        var table = Run(0, "batches", "--school", School).Split('\n');
        var staleRefused = Run(2, "release", "--school", School, "--batch", AutumnStart);
        var released = Run(0, "release", "--school", School, "--batch", AutumnEnd);
        var parentsSent = Outbox(folder, "Parent.2025-26-autumn-end").Count;
        var again = Run(0, "release", "--school", School, "--batch", AutumnEnd);
        var holdAfter = Run(0, "hold", "--school", School, "--batch", AutumnEnd);
        var mistyped = Run(2, "sent", "--school", School, "--batch", AutumnEnd + "x");
        var noSuchPupil = Run(2, "sent", "--school", School, "--pupil", "NOPE");
        var otherSchool = new[] { Run(2, "batches", "--school", "999999"), Run(2, "sent", "--school", "999999"), Run(2, "not-sent", "--school", "999999", "--date", "2025-12-09") };
        var sentCsv = Path.Combine(folder, "sent.csv");
        Run(0, "sent", "--school", School, "--batch", AutumnEnd, "--csv", sentCsv);
        var aPupil = File.ReadAllLines(sentCsv).Skip(1).Select(l => l.Split(',')[^1].Split(' ')[0]).First(u => u.Length > 0);
        var aboutThePupil = Run(0, "sent", "--school", School, "--pupil", aPupil.ToLowerInvariant());
        var notSentCsv = Path.Combine(folder, "not-sent.csv");
        Run(0, "not-sent", "--school", School, "--batch", AutumnEnd, "--csv", notSentCsv);
        var end = Batches(Run(0, "batches", "--school", School, "--json")).Single(b => b.Id == AutumnEnd);

        Assert.Contains($"school {School} has no pupil with UPN NOPE", noSuchPupil);
        Assert.All(otherSchool, output => Assert.Contains($"the store has no school 999999 (it holds {School})", output));
        Assert.Matches(@"\n[1-9]\d* messages sent", aboutThePupil);
        Assert.Contains(aPupil, aboutThePupil);
        Assert.Contains($"parent reports prepared as batch {AutumnStart}", snapshot);
        Assert.Equal(0, parentsBeforeRelease);
        Assert.NotEmpty(previews);
        Assert.All(previews, p => Assert.Contains("review-" + AutumnStart + ".pdf", File.ReadAllText(p)));
        Assert.Contains(previews, p => File.ReadAllText(p).Contains("not-reached-" + AutumnStart + ".csv", StringComparison.Ordinal));
        Assert.All(previews, p => Assert.Equal(3, Regex.Matches(File.ReadAllText(p), @"filename=""?(sample-[^""\s;]+\.pdf)").Select(m => m.Groups[1].Value).Distinct().Count()));
        var first = Assert.Single(prepared);
        // Taken on 5 December, the start-of-term figures are weeks old: the batch waits for staff however long the review.
        Assert.Equal(("held", "2025-12-09"), (first.State, first.ReleaseOn));
        Assert.StartsWith("its figures end on ", first.HeldReason, StringComparison.Ordinal);
        Assert.Equal("held", afterRunDue.Single(b => b.Id == AutumnStart).State);
        Assert.True(afterRunDue.Single(b => b.Id == AutumnStart).Stale);
        var heldRow = Assert.Single(table, l => l.StartsWith($"│ {AutumnStart} ", StringComparison.Ordinal));
        Assert.Contains("only with --include-stale", heldRow);
        Assert.Contains("held: its figures end on", heldRow);   // a held batch that is also stale still says why it is held
        Assert.Matches(@"\b2025-12-\d\d\b", Assert.Single(table, l => l.StartsWith($"│ {AutumnEnd} ", StringComparison.Ordinal)));
        Assert.Contains($"older than batch {AutumnEnd}", staleRefused);
        Assert.Contains("--include-stale", staleRefused);
        Assert.Empty(Outbox(folder, "Parent.2025-26-autumn-start"));
        Assert.Contains($"batch {AutumnEnd} released: {end.Messages} messages queued; the queue then sent ", released);
        Assert.Contains("e-mails in all (this batch's and any others waiting)", released);
        Assert.Equal(end.Messages, parentsSent);
        Assert.Contains($"batch {AutumnEnd} has already gone: every one of its messages was sent", again);
        Assert.Contains("so there is nothing to release", again);
        Assert.Contains("so there is nothing to hold", holdAfter);
        Assert.Contains($"school {School} has no batch {AutumnEnd}x", mistyped);
        Assert.Equal(parentsSent, Outbox(folder, "Parent.2025-26-autumn-end").Count);
        Assert.Equal(("sent", end.Messages), (end.State, end.Sent));
        Assert.Equal(parentsSent, File.ReadAllLines(sentCsv).Length - 1);
        var notReachedPupils = File.ReadAllLines(notSentCsv).Skip(1).Select(l => l.Split(',')).Where(c => c[3] == "no").Select(c => c[0]).Distinct().Count();
        Assert.Equal(end.NotReached, notReachedPupils);
        Assert.True(end.NotReached > 0, "the generated school has families that cannot be reached (no e-mail, restriction)");
    }

    [Fact]
    public void Release_StaleBatchWithIncludeStale_GoesBecauseStaffSaidSo()
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 12).WriteFolder(Path.Combine(folder, "export"));
        string[] data = ["--data", Path.Combine(folder, "data")];
        Assert.Equal(0, CliProcess.Run(folder, ["ingest", "export", "--school", School, .. data]).ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, ["run-due", "--as-of", "2025-12-09", .. data]).ExitCode);
        // An older snapshot's reports asked for after the newer one's, knowing so: it prepares a batch that stays stale.
        var older = CliProcess.Run(folder, ["snapshot", "--school", School, "--term", "autumn", "--point", "start", "--as-of", "2025-12-09", "--include-stale", .. data]);

        var released = CliProcess.Run(folder, ["release", "--school", School, "--batch", AutumnStart, "--include-stale", .. data]);

        Assert.Equal(0, older.ExitCode);
        Assert.Contains($"prepared as batch {AutumnStart}", older.Output);
        Assert.Contains($"older than batch {AutumnEnd}: it goes only if released with --include-stale", older.Output);
        Assert.True(released.ExitCode is 0 or 1, released.Error);
        Assert.NotEmpty(Outbox(folder, "Parent.2025-26-autumn-start"));
    }

    /// <summary>A data manager names an earlier snapshot after a later one's reports went: staff must not get last term's reports by surprise.</summary>
    [Fact]
    public void Snapshot_OlderThanOneWhoseReportsWent_QueuesNothingWithoutIncludeStale()
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 12).WriteFolder(Path.Combine(folder, "export"));
        string[] data = ["--data", Path.Combine(folder, "data")];
        Assert.Equal(0, CliProcess.Run(folder, ["ingest", "export", "--school", School, .. data]).ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, ["run-due", "--as-of", "2025-12-09", .. data]).ExitCode);
        var staffBefore = StaffReports(folder);

        var older = CliProcess.Run(folder, ["snapshot", "--school", School, "--term", "autumn", "--point", "start", "--as-of", "2025-12-09", .. data]);
        var dispatched = CliProcess.Run(folder, ["dispatch", .. data]);
        var batches = Batches(CliProcess.Run(folder, ["batches", "--school", School, "--json", .. data]).Output);

        Assert.Equal(0, older.ExitCode);
        Assert.Contains("its reports are not queued: those of 2025-26-autumn-end, which is newer, were", older.Output);
        Assert.Contains("--include-stale", older.Output);
        Assert.Equal(0, dispatched.ExitCode);
        Assert.NotEmpty(staffBefore);
        Assert.Equal(staffBefore, StaffReports(folder));
        Assert.DoesNotContain(batches, b => b.Id == AutumnStart);
        Assert.Contains(batches, b => b.Id == AutumnEnd);
    }

    /// <summary>The staff reports in the outbox (year group, subject, SEN, whole school, governors), by file name.</summary>
    private static List<string> StaffReports(string folder) =>
        [.. new[] { "YearGroup.", "Subject.", "Sen.", "WholeSchool.", "Governors." }.SelectMany(prefix => Outbox(folder, prefix)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(2, "school 999999 has no stored calendar", "check-attendance", "--school", "999999")]
    [InlineData(2, "it can be taken from 2026-07-03", "snapshot", "--school", School, "--term", "summer", "--point", "end", "--as-of", "2025-12-05")]
    [InlineData(2, "no Autumn term in 2031/32 (school.json has 2025/26): to snapshot the Autumn term of 2025/26, give a date in that year (--as-of)",
        "snapshot", "--school", School, "--term", "autumn", "--point", "end", "--as-of", "2031-12-05")]
    [InlineData(2, "has no batch no-such-batch: 'progress batches --school 100001' lists them", "hold", "--school", School, "--batch", "no-such-batch")]
    [InlineData(2, "has no batch no-such-batch", "release", "--school", School, "--batch", "no-such-batch")]
    [InlineData(2, "has no batch no-such-batch", "not-sent", "--school", School, "--batch", "no-such-batch")]
    [InlineData(2, "winter", "snapshot", "--school", School, "--term", "winter", "--point", "end")]
    [InlineData(1, "no terms in 2031/32 (school.json has 2025/26)", "check-attendance", "--school", School, "--as-of", "2031-12-02")]
    [InlineData(1, "100001 CheckAttendance: the school calendar has no terms in 2031/32", "run-due", "--as-of", "2031-12-02")]
    public void Command_CouldNotRun_ExitsWithItsCodeAndSaysWhy(int exit, string said, params string[] args)
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 5).WriteFolder(Path.Combine(folder, "export"));
        string[] data = ["--data", Path.Combine(folder, "data")];
        Assert.Equal(0, CliProcess.Run(folder, ["ingest", "export", "--school", School, .. data]).ExitCode);

        var result = CliProcess.Run(folder, [.. args, .. data]);

        Assert.Contains(said, result.Output + result.Error, StringComparison.Ordinal);
        Assert.True(exit == result.ExitCode, $"exit {result.ExitCode}: {result.Output}{result.Error}");
    }

    [Fact]
    public async Task Dispatch_AfterPoisoningAMessage_ExitOne()
    {
        var folder = CliProcess.TempFolder();
        IntegrityRun.NewExport(pupils: 5).WriteFolder(Path.Combine(folder, "export"));
        var data = Path.Combine(folder, "data");
        Assert.Equal(0, CliProcess.Run(folder, "ingest", "export", "--school", School, "--data", data).ExitCode);
        var storage = EmbeddedStorage.Open(data, create: false);
        await storage.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue);
        await storage.Queue.SendAsync(JobResources.ReportRequestsQueue, """{"schoolId":"100001","kind":"parent"}""");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var result = CliProcess.Run(folder, "dispatch", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 moved to report-requests-poison", result.Output);
    }

    private static List<string> Outbox(string folder, string prefix) =>
        [.. Directory.Exists(Path.Combine(folder, "data", "outbox")) ? Directory.GetFiles(Path.Combine(folder, "data", "outbox"), prefix + "*.eml") : []];

    private sealed record BatchJson(string Id, string State, string ReleaseOn, int Messages, int NotReached, int Sent, bool Stale, string? HeldReason);

    private static List<BatchJson> Batches(string output)
    {
        var json = output[output.IndexOf('[', StringComparison.Ordinal)..(output.LastIndexOf(']') + 1)];
        return JsonSerializer.Deserialize<List<BatchJson>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
