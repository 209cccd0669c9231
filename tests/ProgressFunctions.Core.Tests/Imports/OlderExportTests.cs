using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class OlderExportTests
{
    private static readonly DateTimeOffset s_stored = new(2026, 3, 27, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, "0 pupils, 0 contacts and 0 pupils' contact links it would have changed")]
    [InlineData(true, "0 pupils, 0 contacts and 1 pupils' contact links it would have changed")]
    public void Limit_OlderExport_CountsOnlyTheLinksItWouldHaveChanged(bool oneLinkDiffers, string expected)
    {
        var links = Enumerable.Range(0, 3).Select(i => new ContactLink { ContactId = $"c{i}", PupilId = $"p{i}", ParentalResponsibility = true }).ToList();
        var pupils = Enumerable.Range(0, 3).Select(i => new Pupil { Id = $"p{i}", Upn = $"U{i}", LegalForename = "F", LegalSurname = $"S{i}", YearGroup = 7, RegistrationGroup = "7A" })
            .ToDictionary(p => p.Id, StringComparer.Ordinal);
        var contacts = Enumerable.Range(0, 3).Select(i => new Contact { Id = $"c{i}", Forename = "G", Surname = $"S{i}" }).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var exported = oneLinkDiffers ? links.Select((l, i) => i == 0 ? l with { Priority = 2 } : l).ToList() : links;
        var export = new SchoolExport
        {
            Pupils = [.. pupils.Values],
            Contacts = [.. contacts.Values],
            ContactLinks = exported,
            PupilsWithContactRows = exported.Select(l => l.PupilId).ToHashSet(StringComparer.Ordinal),
            ExportedAt = s_stored.AddDays(-7),
        };

        var limited = OlderExport.Limit(export, pupils, contacts, links, s_stored);

        Assert.Contains(expected, Assert.Single(limited.Issues).Reason, StringComparison.Ordinal);
        Assert.Empty(limited.ContactLinks);
    }
}
