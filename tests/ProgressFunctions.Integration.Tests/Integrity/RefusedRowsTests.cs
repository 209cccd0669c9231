using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Integration.Tests.Jobs;
using static ProgressFunctions.Integration.Tests.Integrity.ExportIdentityTests;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>Rows that are refused, or families that move, from export to store to sent mail: nothing reaches another child's family, and nothing goes without a word.</summary>
public class RefusedRowsTests
{
    /// <summary>Two pupils' ids swapped in pupils.csv: both are refused, and what the other files say under either id is linked to neither stored pupil.</summary>
    [Fact]
    public async Task Ingest_PupilIdsSwappedBetweenUpns_NeitherStoredPupilTakesTheOthersCaseloadOrIntervention()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        await run.IngestAsync(export.Zip());
        var before = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        var (idA, upnA, idB) = (export.Pupils.Get(0, "Pupil ID"), export.Pupils.Get(0, "UPN"), export.Pupils.Get(1, "Pupil ID"));
        var caseloads = export.Tables["caseloads.csv"];
        var mentor = caseloads.Rows.Select(r => r[0]).First(m => !before.Caseloads.Contains(new Mentee(m, idB)));
        caseloads.Rows.Insert(0, [mentor, upnA]);
        export.Tables["interventions.csv"].Rows.Insert(0, [upnA, "Swapped-id check", "2025-11-03", "", "", ""]);
        export.Pupils.Set(0, "Pupil ID", idB);
        export.Pupils.Set(1, "Pupil ID", idA);
        // Newer than the first export (made at 17:00 on the 5th), so that the caseloads it gives are the school's now.
        export.SetSchoolJson("exportedAt", "2025-12-06T08:00:00Z");

        var result = await run.IngestAsync(export.Zip(), "swapped.zip");

        var after = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(before.Caseloads.Where(m => m.PupilId == idA || m.PupilId == idB), after.Caseloads.Where(m => m.PupilId == idA || m.PupilId == idB));
        Assert.DoesNotContain(after.Progress.Values.SelectMany(p => p.Interventions ?? []), i => i.Type == "Swapped-id check");
        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"pupil {idB}'s row in pupils.csv was refused (line 2): no row for this pupil in caseloads.csv is imported or linked to anyone", errors);
        Assert.Contains($"pupil {idB}'s row in pupils.csv was refused (line 2): no row for this pupil in interventions.csv", errors);
        Assert.Contains($"pupil {idA}'s row in pupils.csv was refused (line 3): no row for this pupil in contacts.csv", errors);
    }

    /// <summary>A parent's contacts.csv row refused for a slip in another column: the parent still gets the report, and the data managers hear why.</summary>
    [Fact]
    public async Task Ingest_ParentsRowRefusedForAnUnreadablePriority_ParentStillSentTheReportAndTheDataManagersTold()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        await run.IngestAsync(export.Zip());
        var contacts = export.Contacts;
        var row = Enumerable.Range(0, contacts.Rows.Count).First(i => contacts.Get(i, "Email").Length > 0 && contacts.Get(i, "Parental Responsibility") == "Y"
            && contacts.Get(i, "Receives Correspondence") != "N" && contacts.Get(i, "Restriction").Length == 0);
        var (contactId, address, upn) = (contacts.Get(row, "Contact ID"), contacts.Get(row, "Email"), contacts.Get(row, "Pupil UPN"));
        var pupilId = export.Pupils.Get(export.Pupils.Where("UPN", upn).Single(), "Pupil ID");
        contacts.Set(row, "Priority", "first");

        var result = await run.IngestAsync(export.Zip(), "second.zip");
        await run.SnapshotAndSendAsync();

        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"so pupil {pupilId}'s stored contact {contactId} is kept as it was", errors);
        Assert.Contains(run.Sender.Sent, m => m.Categories.Contains("parent") && m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(run.Sender.Sent, m => m.Subject.EndsWith(": import report, second.zip", StringComparison.Ordinal));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    /// <summary>Three families rotated between three pupils in contacts.csv: too few to refuse the file, so each pupil is named to the data managers.</summary>
    [Fact]
    public async Task Ingest_ThreeFamiliesRotatedBetweenPupils_StoredAndEachPupilNamedToTheDataManagers()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 40);
        await run.IngestAsync(export.Zip());
        var contacts = export.Contacts;
        var families = Enumerable.Range(0, contacts.Rows.Count).GroupBy(i => contacts.Get(i, "Pupil UPN"))
            .Select(g => (Upn: g.Key, Rows: g.ToList(), People: g.SelectMany(i => new[] { contacts.Get(i, "Contact ID"), contacts.Get(i, "Email").ToLowerInvariant(), $"{contacts.Get(i, "Forename")} {contacts.Get(i, "Surname")}".ToLowerInvariant() }).Where(p => p.Length > 0).ToHashSet()))
            .ToList();
        var chosen = new List<(string Upn, List<int> Rows, HashSet<string> People)>();
        foreach (var family in families.Where(f => chosen.Count < 3 && !chosen.Any(c => c.People.Overlaps(f.People))))
        {
            chosen.Add(family);
        }

        for (var i = 0; i < chosen.Count; i++)
        {
            chosen[i].Rows.ForEach(r => contacts.Set(r, "Pupil UPN", chosen[(i + 1) % chosen.Count].Upn));
        }

        var result = await run.IngestAsync(export.Zip(), "moved.zip");
        await run.SnapshotAndSendAsync();

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var errors = await ErrorsCsvAsync(run, result);
        foreach (var (upn, _, _) in chosen)
        {
            var pupilId = export.Pupils.Get(export.Pupils.Where("UPN", upn).Single(), "Pupil ID");
            Assert.Contains($"pupil {pupilId}'s contacts in contacts.csv share nobody with the contacts stored for them", errors);
        }

        Assert.Contains(run.Sender.Sent, m => m.Subject.EndsWith(": import report, moved.zip", StringComparison.Ordinal));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }
}
