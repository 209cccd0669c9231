using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>An e-mail address moved from one family's contact onto another family's: nobody is e-mailed at it until the MIS settles whose it is.</summary>
public class MovedAddressTests
{
    /// <summary>Either the paste or a correction: the address is kept for both families, neither is e-mailed at it, and each not-sent entry says why.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]    // the first contact's rows taken out rather than blanked
    public async Task Ingest_AddressMovedToAnotherFamily_NeitherFamilyEmailedAtItOnEveryImport(bool removed)
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        await run.IngestAsync(export.Zip(), "monday.zip");
        var (address, idA, idB) = MoveAnAddressToAnotherFamily(export, removed);
        export.SetSchoolJson("exportedAt", "2025-12-06T08:00:00Z");

        var first = await run.IngestAsync(export.Zip(), "tuesday.zip");
        // The next day's export, still with the address moved: the address must stay kept for both on this one too.
        export.SetSchoolJson("exportedAt", "2025-12-07T08:00:00Z");
        var again = await run.IngestAsync(export.Zip(), "wednesday.zip");
        await run.SnapshotAndSendAsync();

        Assert.DoesNotContain(run.Sender.Sent, m => m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
        var notReached = await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, "parents-2025-26-autumn-start", CancellationToken.None);
        Assert.Contains(notReached!, n => n.ContactId == idA && n.Reason.StartsWith("e-mail address also given for another family", StringComparison.Ordinal));
        Assert.Contains(notReached!, n => n.ContactId == idB && n.Reason.StartsWith("e-mail address also given for another family", StringComparison.Ordinal));
        foreach (var result in new[] { first, again })
        {
            var errors = await ExportIdentityTests.ErrorsCsvAsync(run, result);
            Assert.Contains($"is given the e-mail address stored until now for contact {idA} of another family", errors, StringComparison.Ordinal);
            Assert.Contains("neither family is e-mailed at it", errors, StringComparison.Ordinal);
            Assert.DoesNotContain(address, errors, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Moves the address of a contact of one family onto every row of a contact of another, leaving the first's rows blank (or taking them out).</summary>
    private static (string Address, string From, string To) MoveAnAddressToAnotherFamily(EditableExport export, bool removed)
    {
        var contacts = export.Contacts;
        var (a, b) = export.TwoFamiliesWrittenTo();
        var (address, idA, idB) = (contacts.Get(a, "Email"), contacts.Get(a, "Contact ID"), contacts.Get(b, "Contact ID"));
        foreach (var row in contacts.Where("Contact ID", idB))
        {
            contacts.Set(row, "Email", address);
        }

        if (removed)
        {
            contacts.Rows.RemoveAll(r => r[contacts.Header.IndexOf("Contact ID")] == idA);
        }
        else
        {
            foreach (var row in contacts.Where("Contact ID", idA))
            {
                contacts.Set(row, "Email", "");
            }
        }

        return (address, idA, idB);
    }
}
