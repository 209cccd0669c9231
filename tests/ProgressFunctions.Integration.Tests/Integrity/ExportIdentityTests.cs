using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>Exports with the identity faults real MIS data has: every report still reaches only its own family.</summary>
public class ExportIdentityTests
{
    [Fact]
    public async Task Ingest_TwoPupilsShareAPupilId_NeitherStoredEachRowNamesTheOtherAndNoReportCrosses()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport();
        var (first, second) = (export.Pupils.Get(0, "Pupil ID"), export.Pupils.Get(1, "UPN"));
        export.Pupils.Set(1, "Pupil ID", first);

        var result = await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"Pupil ID {first} is also used on line 3", errors);
        Assert.Contains($"Pupil ID {first} is also used on line 2", errors);
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.DoesNotContain(state.Pupils.Values, p => p.Pupil.Upn == second || p.Pupil.Id == first);
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    [Fact]
    public async Task Ingest_TwoPupilIdsDifferOnlyInCase_NeitherStoredAndNoReportCrosses()
    {
        // On Windows and macOS two such report files are one: one child's report would replace the other's.
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport();
        var first = export.Pupils.Get(0, "Pupil ID");
        export.Pupils.Set(1, "Pupil ID", first.ToUpperInvariant());

        var result = await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();

        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"Pupil ID {first.ToUpperInvariant()} is also used on line 2 (as {first}: letter case does not tell pupils apart)", errors);
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.DoesNotContain(state.Pupils.Values, p => string.Equals(p.Pupil.Id, first, StringComparison.OrdinalIgnoreCase));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    [Fact]
    public async Task Ingest_NewPupilIdDiffersFromAStoredOneOnlyInCase_Refused()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport();
        await run.IngestAsync(export.Zip());
        var stored = export.Pupils.Get(0, "Pupil ID");
        var again = IntegrityRun.NewExport();
        // Another pupil (the last row) now comes under the first pupil's id in capitals.
        again.Pupils.Set(again.Pupils.Rows.Count - 1, "Pupil ID", stored.ToUpperInvariant());
        again.Pupils.Rows.RemoveAt(0);

        var result = await run.IngestAsync(again.Zip());

        var errors = await ErrorsCsvAsync(run, result);
        Assert.True(errors.Contains($"Pupil ID {stored.ToUpperInvariant()} differs from stored pupil {stored}'s only in letter case", StringComparison.Ordinal), errors);
    }

    [Fact]
    public async Task Ingest_TwoFamiliesShareAContactId_NoneOfItsRowsImportedAndNeitherFamilyGetsTheOthersReport()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport();
        var contacts = export.Contacts;
        var a = 0;
        var b = Enumerable.Range(1, contacts.Rows.Count - 1).First(i =>
            contacts.Get(i, "Pupil UPN") != contacts.Get(a, "Pupil UPN") && contacts.Get(i, "Email") != contacts.Get(a, "Email") && contacts.Get(i, "Email").Length > 0);
        var sharedId = contacts.Get(a, "Contact ID");
        contacts.Set(b, "Contact ID", sharedId);

        var result = await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();

        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"Contact ID {sharedId} is also used on line {Table.LineOf(a)} for a different person", errors);
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
        // Neither person was imported under the shared id, so nobody is sent anything as that contact.
        Assert.DoesNotContain(run.Sender.Sent, m => m.RecipientId == sharedId);
    }

    [Fact]
    public async Task Ingest_TwoFamiliesGivenOneAddress_NeitherIsSentAnythingAndTheDataManagersAreTold()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        var (address, idA, idB) = GiveOneAddressToTwoFamilies(export);

        var result = await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();

        Assert.DoesNotContain(run.Sender.Sent, m => m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"2 contacts of different families have the same e-mail address: contact {(string.CompareOrdinal(idA, idB) < 0 ? idA : idB)} (pupil ", errors);
        Assert.DoesNotContain(address, errors, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(run.Sender.Sent, m => m.Subject.EndsWith(": import report, export.zip", StringComparison.Ordinal));
        var notReached = await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, "parents-2025-26-autumn-start", CancellationToken.None);
        Assert.Contains(notReached!, n => n.ContactId == idA && n.Reason.StartsWith($"e-mail address also given for another family (contact {idB} has it too)", StringComparison.Ordinal));
        Assert.Contains(notReached!, n => n.ContactId == idB && n.Reason.StartsWith("e-mail address also given for another family", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_AddressGivenToAnotherFamilyAfterTheBatchWasDecided_RefusedAtSendAndTheDataManagersAreTold()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        await run.IngestAsync(export.Zip(), "monday.zip");
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        // While the batch waits for release, an export gives a second family the first one's address: the first
        // family's message, decided when the address was theirs alone, must not go to an inbox two families now share.
        var (address, idA, idB) = GiveOneAddressToTwoFamilies(export);
        await run.IngestAsync(export.Zip(), "tuesday.zip");

        foreach (var batch in await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None))
        {
            await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, batch.Batch.Id, includeStale: false, CancellationToken.None);
        }

        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.DoesNotContain(run.Sender.Sent, m => m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
        var refused = (await run.NotSentAsync()).Where(n => n.RecipientId == idA || n.RecipientId == idB).ToList();
        Assert.Contains(refused, n => n.RecipientId == idA && n.Reason == $"e-mail address also given for another family: contact {idB} has it too");
        // The second family's message was decided for its old address: it is refused for that first.
        Assert.All(refused.Where(n => n.RecipientId == idB), n => Assert.StartsWith($"contact {idB}'s e-mail address is not the one batch parents-2025-26-autumn-start decided for", n.Reason, StringComparison.Ordinal));
        Assert.Contains(run.Sender.Sent, m => m.MessageKey.StartsWith("ReportsHeldBack.", StringComparison.Ordinal));
    }

    /// <summary>Gives a contact of a second family the address of a contact of the first (in capitals), on every row of theirs; returns the address and the two contact ids.</summary>
    private static (string Address, string First, string Second) GiveOneAddressToTwoFamilies(EditableExport export)
    {
        var contacts = export.Contacts;
        var (a, b) = export.TwoFamiliesWrittenTo();
        var (address, idA, idB) = (contacts.Get(a, "Email"), contacts.Get(a, "Contact ID"), contacts.Get(b, "Contact ID"));
        foreach (var row in contacts.Where("Contact ID", idB))
        {
            contacts.Set(row, "Email", address.ToUpperInvariant());
        }

        return (address, idA, idB);
    }

    [Theory]
    [InlineData("Pupil ID", "p/123")]
    [InlineData("Pupil ID", "..")]
    [InlineData("Pupil ID", "p 123")]
    [InlineData("Contact ID", "c/9")]
    public async Task Ingest_IdOutsideTheCharacterSet_RowRefusedAndEverythingElseStoredWhole(string column, string id)
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        var table = column == "Pupil ID" ? export.Pupils : export.Contacts;
        table.Set(0, column, id);

        var result = await run.IngestAsync(export.Zip());

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Contains($"'{id}'", await ErrorsCsvAsync(run, result));
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(column == "Pupil ID" ? 29 : 30, state.Pupils.Count);
        var marked = export.Tables["attendance.csv"].Rows.Select(r => r[0]).ToHashSet();
        Assert.All(state.Pupils.Values.Where(p => marked.Contains(p.Pupil.Upn)), p => Assert.Contains(state.Attendance, y => y.PupilId == p.Pupil.Id));
        Assert.True(state.Contacts.Count > 20);
        var snapshot = await run.SnapshotAndSendAsync();
        Assert.True(snapshot.Batch!.Messages > 20);
        RoutingInvariant.AssertHolds(export, run.Sender.Sent);
    }

    [Fact]
    public async Task Ingest_PupilIdMovesToAnotherUpn_RefusedWithBothUpnsAndTheStoredPupilKeepsItsFamily()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        await run.IngestAsync(export.Zip());
        var (idA, upnA, idB, upnB) = (export.Pupils.Get(0, "Pupil ID"), export.Pupils.Get(0, "UPN"), export.Pupils.Get(1, "Pupil ID"), export.Pupils.Get(1, "UPN"));
        export.Pupils.Set(0, "Pupil ID", idB);
        export.Pupils.Set(1, "Pupil ID", idA);
        // Newer than the first export (made at 17:00 on the 5th): an older one would be limited before identity mattered.
        export.SetSchoolJson("exportedAt", "2025-12-06T08:00:00Z");

        var result = await run.IngestAsync(export.Zip(), "swapped.zip");
        await run.SnapshotAndSendAsync();

        var errors = await ErrorsCsvAsync(run, result);
        Assert.Contains($"Pupil ID {idB} is stored for UPN {upnB} but this export gives it UPN {upnA}", errors);
        Assert.Contains($"Pupil ID {idA} is stored for UPN {upnA} but this export gives it UPN {upnB}", errors);
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(upnA, state.Pupils[idA].Pupil.Upn);
        Assert.Equal(upnB, state.Pupils[idB].Pupil.Upn);
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    /// <summary>Two uploads at once, the older ingested second: the link the MIS removed and the address it corrected stay as the newer export left them.</summary>
    [Fact]
    public async Task Ingest_OlderExportAfterANewerOne_ContactsAndLinksStayAsTheNewerLeftThem()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        export.SetSchoolJson("exportedAt", "2025-12-04T18:00:00Z");
        var older = export.Zip();
        var contacts = export.Contacts;
        var family = Enumerable.Range(0, contacts.Rows.Count).GroupBy(r => contacts.Get(r, "Pupil UPN")).First(g => g.Count() >= 2).ToList();
        var (upn, removed, corrected) = (contacts.Get(family[0], "Pupil UPN"), contacts.Get(family[0], "Contact ID"), contacts.Get(family[1], "Contact ID"));
        foreach (var row in contacts.Where("Contact ID", corrected).ToList())
        {
            contacts.Set(row, "Email", "corrected@family.example");
        }

        contacts.Rows.RemoveAt(family[0]);
        // A grade corrected and a behaviour event withdrawn since.
        var results = export.Tables["assessments.csv"];
        var gcse = results.Where("Scale", "GCSE").First();
        var (resultUpn, subject, point) = (results.Get(gcse, "UPN"), results.Get(gcse, "Subject"), results.Get(gcse, "Point"));
        var grade = results.Get(gcse, "Grade") == "9" ? "8" : "9";
        results.Set(gcse, "Grade", grade);
        var behaviour = export.Tables["behaviour.csv"];
        var behaviourUpn = behaviour.Get(0, "UPN");
        behaviour.Rows.RemoveAt(0);
        // And a member of staff's address corrected.
        var staffId = export.Staff.Get(0, "Staff ID");
        export.Staff.Set(0, "Email", "corrected.staff@school.example");
        export.SetSchoolJson("exportedAt", "2025-12-05T08:00:00Z");
        await run.IngestAsync(export.Zip(), "newer.zip");

        var result = await run.IngestAsync(older, "older.zip");

        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        var pupil = state.Pupils.Values.Single(p => p.Pupil.Upn == upn);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.DoesNotContain(pupil.Links, l => l.ContactId == removed);
        Assert.Contains(pupil.Links, l => l.ContactId == corrected);
        Assert.Equal("corrected@family.example", state.Contacts[corrected].Email);
        var progressOf = (string u) => state.Progress[state.Pupils.Values.Single(p => p.Pupil.Upn == u).Pupil.Id];
        Assert.Equal(grade, progressOf(resultUpn).Results.Single(r => r.Subject == subject && r.Point == point).Grade);
        Assert.Equal(behaviour.Where("UPN", behaviourUpn).Count(), progressOf(behaviourUpn).Behaviour.Count);
        Assert.Equal("corrected.staff@school.example", state.Staff.Staff.Single(m => m.Id == staffId).Email);
        Assert.Equal(0, result.Summary!.LeaversMarked);
        Assert.Contains("before the data stored (2025-12-05 08:00 UTC): it takes nobody off roll", await ErrorsCsvAsync(run, result));
        await run.SnapshotAndSendAsync();
        Assert.DoesNotContain(run.Sender.Sent, m => m.RecipientId == removed);
    }

    [Fact]
    public async Task Ingest_TemporaryUpnReplacedByPermanent_AcceptedWithAWarning()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 10);
        var permanent = export.Pupils.Get(0, "UPN");
        const string body = "99999992500A";   // a temporary UPN ends in a letter
        var temporary = Upn.CheckLetter(body) + body;
        foreach (var table in export.Tables.Values.Where(t => t.Header.Contains("UPN") || t.Header.Contains("Pupil UPN")))
        {
            var column = table.Header.Contains("UPN") ? "UPN" : "Pupil UPN";
            foreach (var row in table.Where(column, permanent).ToList())
            {
                table.Set(row, column, temporary);
            }
        }

        await run.IngestAsync(export.Zip());
        var withTemporary = new EditableExport(JobsFixture.Generate(10)).WithDistinctNames();
        var result = await run.IngestAsync(withTemporary.Zip(), "permanent.zip");

        Assert.Contains($"temporary UPN {temporary} is replaced by the permanent UPN {permanent}", await ErrorsCsvAsync(run, result));
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(permanent, state.Pupils[export.Pupils.Get(0, "Pupil ID")].Pupil.Upn);
    }

    [Fact]
    public async Task Ingest_ControlCharactersInNames_CleanedAndEveryoneStillSent()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        export.Pupils.Set(0, "Legal Forename", "Anna\tMaria");
        var contactRow = export.Contacts.Where("Pupil UPN", export.Pupils.Get(0, "UPN")).First(i => export.Contacts.Get(i, "Email").Length > 0
            && export.Contacts.Get(i, "Parental Responsibility") == "Y" && export.Contacts.Get(i, "Restriction").Length == 0);
        export.Contacts.Set(contactRow, "Surname", "Smith\r\nJones");
        export.Staff.Set(0, "Forename", "Pat\n");

        var result = await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();
        await run.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(0, result.Errors);
        var parentMail = Assert.Single(run.Sender.Sent, m => m.To.Single().Address == export.Contacts.Get(contactRow, "Email").ToLowerInvariant() || m.To.Single().Address == export.Contacts.Get(contactRow, "Email"));
        Assert.DoesNotContain(parentMail.To.Single().DisplayName!, c => char.IsControl(c));
        Assert.Contains(parentMail.Attachments, a => TitleRenderer.TitleOf(a).Contains("Anna Maria", StringComparison.Ordinal));
        var staffEmail = export.Staff.Get(0, "Email");
        Assert.Contains(run.Sender.Sent, m => m.To.Any(t => string.Equals(t.Address, staffEmail, StringComparison.OrdinalIgnoreCase)));
        RoutingInvariant.AssertHolds(export, run.Sender.Sent);
    }

    [Fact]
    public async Task Dispatch_ProtectedReportsAndAPupilWithoutDateOfBirth_NotSentWithTheReasonRecorded()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        export.SetSchoolJson("protectParentReports", true);
        export.Pupils.Set(0, "Date of Birth", "");
        var name = $"{export.Pupils.Get(0, "Legal Forename")} {export.Pupils.Get(0, "Legal Surname")}";

        await run.IngestAsync(export.Zip());
        await run.SnapshotAndSendAsync();

        Assert.DoesNotContain(run.Sender.Sent.SelectMany(m => m.Attachments), a => TitleRenderer.TitleOf(a).EndsWith(name, StringComparison.Ordinal));
        var notReached = await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, "parents-2025-26-autumn-start", CancellationToken.None);
        Assert.Contains(notReached!, n => n.PupilId == export.Pupils.Get(0, "Pupil ID") && n.Reason.StartsWith("no date of birth for a protected report", StringComparison.Ordinal));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    [Fact]
    public async Task Ingest_ExportForAnotherUrn_RefusedUnlessSchoolJsonMapsTheId()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 10);

        var refused = await run.IngestAsync(export.Zip(), school: "100002");
        export.SetSchoolJson("schoolId", "100002");
        var mapped = await run.IngestAsync(export.Zip(), school: "100002");

        Assert.Equal(IngestOutcome.Unreadable, refused.Outcome);
        Assert.Contains("URN 100001, not school 100002", refused.Message);
        Assert.Equal(IngestOutcome.Stored, mapped.Outcome);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a b")]
    [InlineData("")]
    public async Task Ingest_SchoolIdOutsideTheRule_RefusedAndNothingStored(string school)
    {
        using var run = new IntegrityRun();

        var result = await run.IngestAsync(IntegrityRun.NewExport(pupils: 5).Zip(), school: school);

        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.Contains("school id", result.Message);
        Assert.Empty(await run.Context.Get<SchoolJobs>().SchoolIdsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Ingest_CellsThatASpreadsheetWouldRun_EscapedInTheErrorsCsv()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 5);
        export.Pupils.Set(0, "Year", "=HYPERLINK(\"http://x.example\",\"click\")");
        export.Pupils.Set(1, "Year", "+1+cmd|' /C calc'!A0");
        export.Pupils.Set(2, "Year", "@SUM(A1)");

        var result = await run.IngestAsync(export.Zip());
        var csv = await ErrorsCsvAsync(run, result);

        Assert.Contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"", csv);
        Assert.Contains(",'+1+cmd|' /C calc'!A0,", csv);
        Assert.Contains(",'@SUM(A1),", csv);
        Assert.DoesNotContain(csv.Split("\r\n"), line => line.Split(',').Any(cell => cell.Length > 0 && cell[0] is '=' or '+' or '@'));
    }

    internal static async Task<string> ErrorsCsvAsync(IntegrityRun run, IngestResult result)
    {
        Assert.NotNull(result.RejectedPath);
        await using var stream = await run.Context.Blobs.OpenReadAsync(BlobPath.Parse(result.RejectedPath!));
        return await new StreamReader(stream!, Encoding.UTF8).ReadToEndAsync();
    }
}
