namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>An e-mail address cut from one family's contact and pasted onto another family's: each family's reports still go where they went.</summary>
public class MovedAddressTests
{
    [Fact]
    public async Task Ingest_AddressCutFromOneFamilyAndPastedOnAnother_EachContactKeepsTheirStoredAddressOnEveryImport()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        await run.IngestAsync(export.Zip(), "monday.zip");
        var (address, idA, idB, addressB) = MoveAnAddressToAnotherFamily(export);
        export.SetSchoolJson("exportedAt", "2025-12-06T08:00:00Z");

        var first = await run.IngestAsync(export.Zip(), "tuesday.zip");
        // The next day's export, still with the address moved: the stored addresses must hold on this one too.
        export.SetSchoolJson("exportedAt", "2025-12-07T08:00:00Z");
        var again = await run.IngestAsync(export.Zip(), "wednesday.zip");
        await run.SnapshotAndSendAsync();

        var sentTo = run.Sender.Sent.Where(m => m.Categories.Contains("parent")).ToLookup(m => m.RecipientId!, m => m.To.Single().Address);
        Assert.NotEmpty(sentTo[idA]);
        Assert.All(sentTo[idA], to => Assert.Equal(address, to, StringComparer.OrdinalIgnoreCase));
        Assert.NotEmpty(sentTo[idB]);
        Assert.All(sentTo[idB], to => Assert.Equal(addressB, to, StringComparer.OrdinalIgnoreCase));
        foreach (var result in new[] { first, again })
        {
            var errors = await ExportIdentityTests.ErrorsCsvAsync(run, result);
            Assert.Contains($"contact {idB} (pupil ", errors, StringComparison.Ordinal);
            Assert.Contains($"is given the e-mail address stored until now for contact {idA} of another family", errors, StringComparison.Ordinal);
            Assert.DoesNotContain(address, errors, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Moves the address of a contact of one family onto every row of a contact of another, leaving the first's rows blank.</summary>
    private static (string Address, string From, string To, string ToAddress) MoveAnAddressToAnotherFamily(EditableExport export)
    {
        var contacts = export.Contacts;
        var (a, b) = export.TwoFamiliesWrittenTo();
        var (address, idA, idB, addressB) = (contacts.Get(a, "Email"), contacts.Get(a, "Contact ID"), contacts.Get(b, "Contact ID"), contacts.Get(b, "Email"));
        foreach (var row in contacts.Where("Contact ID", idA))
        {
            contacts.Set(row, "Email", "");
        }

        foreach (var row in contacts.Where("Contact ID", idB))
        {
            contacts.Set(row, "Email", address);
        }

        return (address, idA, idB, addressB);
    }
}
