using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>
/// For random schools with random identity faults injected (shared pupil ids, shared UPNs, one contact id for two
/// people, ids outside the rule, control characters in names, restrictions), no message ever carries a report of a
/// pupil not linked, in the export's own rows, to every recipient of that message.
/// </summary>
public class RoutingPropertyTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Reports_RandomSchoolWithInjectedIdFaults_NeverReachAnotherChildsFamily(int seed)
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 24 + seed, seed: seed);
        var injected = Faults.Inject(export, new Random(seed));

        var result = await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0, $"nothing was sent for seed {seed} ({string.Join(", ", injected)})");
    }

    /// <summary>The faults real exports carry, chosen at random, each applied to random rows.</summary>
    internal static class Faults
    {
        public static List<string> Inject(EditableExport export, Random random)
        {
            var applied = new List<string>();
            var pupils = export.Pupils;
            var contacts = export.Contacts;
            int Row(Table t) => random.Next(t.Rows.Count);
            for (var n = 0; n < 6; n++)
            {
                switch (random.Next(7))
                {
                    case 0:
                        pupils.Set(Row(pupils), "Pupil ID", pupils.Get(Row(pupils), "Pupil ID"));
                        applied.Add("shared pupil id");
                        break;
                    case 1:
                        var (a, b) = (Row(pupils), Row(pupils));
                        pupils.Set(b, "UPN", pupils.Get(a, "UPN"));
                        applied.Add("shared UPN");
                        break;
                    case 2:
                        contacts.Set(Row(contacts), "Contact ID", contacts.Get(Row(contacts), "Contact ID"));
                        applied.Add("one contact id for two people");
                        break;
                    case 3:
                        var bad = new[] { "c/1", "C 100", "..", "c#2", "c\t3" }[random.Next(5)];
                        var (table, column) = random.Next(2) == 0 ? (contacts, "Contact ID") : (pupils, "Pupil ID");
                        table.Set(Row(table), column, bad);
                        applied.Add($"{column} '{bad}'");
                        break;
                    case 4:
                        pupils.Set(Row(pupils), "Legal Forename", "Tab\tand\r\nbreak");
                        applied.Add("control characters in a name");
                        break;
                    case 5:
                        contacts.Set(Row(contacts), "Restriction", "Court order");
                        applied.Add("restriction");
                        break;
                    default:
                        contacts.Set(Row(contacts), "Email", contacts.Get(Row(contacts), "Email"));
                        applied.Add("an address copied to another contact row");
                        break;
                }
            }

            return applied;
        }
    }
}
