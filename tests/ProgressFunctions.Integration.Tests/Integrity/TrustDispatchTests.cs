using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>One dispatcher sends for a whole trust, whose schools' MIS ids may be the same numbers.</summary>
public sealed class TrustDispatchTests
{
    [Fact]
    public async Task Dispatch_TwoSchoolsSharingPupilIds_EachParentGetsTheirOwnSchoolsChild()
    {
        using var run = new IntegrityRun();
        var schools = new[] { ("100001", 7), ("100002", 8) }
            .Select(s => (Id: s.Item1, School: SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 30, s.Item2, JobsFixture.AsOf) { Urn = s.Item1 })))
            .ToList();
        var shared = schools[0].School.Pupils.Select(p => p.Id).Intersect(schools[1].School.Pupils.Select(p => p.Id)).Count();
        Assert.True(shared > 10, $"the two schools share only {shared} pupil ids: the test needs the ids to collide");

        foreach (var (id, school) in schools)
        {
            Assert.Equal(IngestOutcome.Stored, (await run.IngestAsync(JobsFixture.Zip(school), school: id)).Outcome);
            await run.Context.Get<SnapshotJob>().RunDueAsync(id, JobsFixture.AsOf, CancellationToken.None);
            foreach (var batch in await run.Context.Get<BatchJob>().ListAsync(id, CancellationToken.None))
            {
                await run.Context.Get<BatchJob>().ReleaseAsync(id, batch.Batch.Id, includeStale: false, CancellationToken.None);
            }
        }

        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        // Every parent report names a child of the contact it went to, in that contact's own school (staff get samples in the preview).
        var childrenOf = schools.SelectMany(s => s.School.ContactLinks.Join(s.School.Contacts, l => l.ContactId, c => c.Id, (l, c) => (c.Email, l.PupilId, s.School)))
            .Where(x => x.Email is not null)
            .GroupBy(x => x.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(x => x.School.Pupils.Single(p => p.Id == x.PupilId).DisplayName).ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        var reports = run.Sender.Sent.SelectMany(m => m.Attachments.Select(a => (m.To.Single().Address, Title: TitleRenderer.TitleOf(a))))
            .Where(r => r.Title.StartsWith("Progress report: ", StringComparison.Ordinal) && childrenOf.ContainsKey(r.Address)).ToList();
        Assert.True(reports.Count > 20, $"only {reports.Count} parent reports were sent");
        Assert.All(reports, r => Assert.Contains(r.Title["Progress report: ".Length..], childrenOf[r.Address]));
    }
}
