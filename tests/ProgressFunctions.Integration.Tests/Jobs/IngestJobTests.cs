using System.Globalization;
using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class IngestJobTests
{
    [Fact]
    public async Task RunAsync_NewExport_StoresPupilsAttendanceAndProgress()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 30);

        var result = await fixture.IngestAsync(JobsFixture.Zip(school));

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(30, result.Summary!.PupilsAdded);
        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(30, state.Pupils.Count);
        Assert.NotNull(state.Calendar);
        var registers = state.Registers(state.Calendar!);
        Assert.Equal(school.AllMarks().Count(), registers.Values.Sum(r => r.Marks().Count()));
        Assert.Contains(JobsFixture.School, await fixture.Context.Get<SchoolJobs>().SchoolIdsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_SameExportTwice_SecondIsANoOp()
    {
        using var fixture = new JobsFixture();
        var export = JobsFixture.Zip(JobsFixture.Generate());

        await fixture.IngestAsync(export);
        var again = await fixture.IngestAsync(export, "renamed.zip");

        Assert.Equal(IngestOutcome.AlreadyImported, again.Outcome);
        Assert.Contains("already imported", again.Message);
    }

    [Fact]
    public async Task RunAsync_CorruptExportAfterGoodOne_StoresNothingAndKeepsTheGoodData()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20)));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);

        var corrupt = await fixture.IngestAsync("PK\u0003\u0004 truncated"u8.ToArray(), "broken.zip");
        var notAnExport = await fixture.IngestAsync("hello"u8.ToArray(), "notes.txt");

        Assert.Equal(IngestOutcome.Unreadable, corrupt.Outcome);
        Assert.Equal(IngestOutcome.Unreadable, notAnExport.Outcome);
        Assert.Contains("notes.txt is neither a zip archive", notAnExport.Message);
        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(before.Pupils.Keys.Order(), after.Pupils.Keys.Order());
        Assert.Equal(before.Attendance.Sum(a => a.Days.Count), after.Attendance.Sum(a => a.Days.Count));
    }

    [Fact]
    public async Task RunAsync_ExportWithRowErrors_StoresGoodRowsAndWritesErrorsCsv()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 20);
        var files = new Dictionary<string, byte[]>();
        Synthetic.CsvBundleWriter.Write(school, name => new CapturingStream(bytes => files[name] = bytes));
        files["attendance.csv"] = [.. files["attendance.csv"], .. "NOT-A-UPN,2025-12-01,AM,/,\n"u8.ToArray()];

        var result = await fixture.IngestAsync(Core.Imports.Bundle.BundleZip.Create(files.Select(f => (f.Key, f.Value))), "with-errors.zip");

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.True(result.Errors >= 1);
        Assert.Matches("^mis-exports-rejected/100001/with-errors\\.zip\\.[0-9a-f]{12}\\.errors\\.csv$", result.RejectedPath);
        await using var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(result.RejectedPath!));
        var text = await new StreamReader(csv!).ReadToEndAsync();
        Assert.StartsWith("file,line,column,value,reason,severity", text);
        Assert.Contains("attendance.csv", text);
        Assert.Equal(1, await fixture.Context.Queue.CountAsync(JobResources.ReportRequestsQueue));
        Assert.Empty(result.FileErrors);
    }

    [Fact]
    public async Task RunAsync_AttendanceWithoutItsMarkColumn_NamesTheFileNotImported()
    {
        using var fixture = new JobsFixture();
        var files = new Dictionary<string, byte[]>();
        Synthetic.CsvBundleWriter.Write(JobsFixture.Generate(pupils: 5), name => new CapturingStream(bytes => files[name] = bytes));
        var text = System.Text.Encoding.UTF8.GetString(files["attendance.csv"]);
        files["attendance.csv"] = System.Text.Encoding.UTF8.GetBytes(text.Replace("UPN,Date,Session,Mark,", "UPN,Date,Session,Remark,", StringComparison.Ordinal));

        var result = await fixture.IngestAsync(Core.Imports.Bundle.BundleZip.Create(files.Select(f => (f.Key, f.Value))), "no-marks.zip");

        var problem = Assert.Single(result.FileErrors);
        Assert.Equal(("attendance.csv", 1, "Mark"), (problem.File, problem.Line, problem.Column));
        Assert.Equal(0, result.Summary!.MarksChanged);
    }

    [Theory]
    [InlineData("school.ctf.xml")]
    [InlineData("contacts.csv without its Restriction and Receives Correspondence columns")]
    public async Task RunAsync_ExportThatCannotSayRestrictions_KeepsEveryStoredRestrictionAndCorrespondenceSetting(string second)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 300);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await LinksAsync(fixture);
        var restricted = before.Where(l => l.Restriction is not null).ToList();
        Assert.True(restricted.Count >= 2, $"{restricted.Count} restricted links stored of {before.Count}; the school has {school.ContactLinks.Count(l => l.Restriction is not null)} of {school.ContactLinks.Count}");
        Assert.Contains(before, l => !l.ReceivesCorrespondence);

        var result = second.EndsWith(".xml", StringComparison.Ordinal)
            ? await fixture.IngestAsync(Ctf(school), second)
            : await fixture.IngestAsync(WithoutSafeguardColumns(school), "no-restrictions.zip");

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var after = (await LinksAsync(fixture)).ToDictionary(l => (l.PupilId, l.ContactId));
        Assert.All(before, l => Assert.Equal((l.Restriction, l.ReceivesCorrespondence), (after[(l.PupilId, l.ContactId)].Restriction, after[(l.PupilId, l.ContactId)].ReceivesCorrespondence)));
    }

    [Fact]
    public async Task RunAsync_ExportThatLiftsARestriction_StoresItAndWarnsNamingTheContact()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 300);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var lifted = (await LinksAsync(fixture)).First(l => l.Restriction is not null);
        var export = new Integrity.EditableExport(school);
        var upn = school.Pupils.Single(p => p.Id == lifted.PupilId).Upn;
        export.Contacts.Set(export.Contacts.Where("Contact ID", lifted.ContactId).Single(r => export.Contacts.Get(r, "Pupil UPN") == upn), "Restriction", "");

        var result = await fixture.IngestAsync(export.Zip(), "lifted.zip");

        Assert.Null((await LinksAsync(fixture)).Single(l => (l.PupilId, l.ContactId) == (lifted.PupilId, lifted.ContactId)).Restriction);
        Assert.Equal(1, OtherThanMissingTargets(result));
        await using var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(result.RejectedPath!));
        Assert.Contains($"the restriction on contact {lifted.ContactId} for pupil {lifted.PupilId} (\"\"No contact (court order)\"\") is lifted", await new StreamReader(csv!).ReadToEndAsync());
        // Sent to the data managers, not only written in the file: a warning alone sends nothing.
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotEmpty(Directory.GetFiles(fixture.OutboxDirectory, "ImportErrors.*.eml"));
    }

    [Fact]
    public async Task RunAsync_OlderExportWithoutARestrictionTheStoreHas_KeepsItAndTellsTheDataManagers()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 300);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var restricted = (await LinksAsync(fixture)).First(l => l.Restriction is not null);
        // The same school's export of four days before, uploaded late: it was made before the restriction was recorded.
        var older = JobsFixture.Generate(pupils: 300, asOf: JobsFixture.AsOf.AddDays(-4));
        var export = new Integrity.EditableExport(older);
        var upn = older.Pupils.Single(p => p.Id == restricted.PupilId).Upn;
        export.Contacts.Set(export.Contacts.Where("Contact ID", restricted.ContactId).Single(r => export.Contacts.Get(r, "Pupil UPN") == upn), "Restriction", "");

        var result = await fixture.IngestAsync(export.Zip(), "older.zip");

        var kept = (await LinksAsync(fixture)).Single(l => (l.PupilId, l.ContactId) == (restricted.PupilId, restricted.ContactId));
        Assert.Equal((restricted.Restriction, false), (kept.Restriction, kept.ReceivesCorrespondence));
        await using var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(result.RejectedPath!));
        Assert.Contains($"the restriction on contact {restricted.ContactId} for pupil {restricted.PupilId} (\"\"No contact (court order)\"\") is kept: this export was made on", await new StreamReader(csv!).ReadToEndAsync());
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        using var notice = MimeKit.MimeMessage.Load(Directory.GetFiles(fixture.OutboxDirectory, "ImportErrors.*.eml")[0]);
        Assert.EndsWith(": import report, older.zip", notice.Subject, StringComparison.Ordinal);
    }

    private static async Task<List<Core.Schools.ContactLink>> LinksAsync(JobsFixture fixture) =>
        await fixture.Context.Documents.ListAsync<Core.Jobs.Stored.PupilRecord>(JobsFixture.School, Core.Jobs.Stored.DocumentTypes.Pupil).SelectMany(p => p.Body.Links.ToAsyncEnumerable()).ToListAsync();

    private static byte[] Ctf(Synthetic.SyntheticSchool school)
    {
        var ctf = new MemoryStream();
        Synthetic.CtfWriter.Write(school, ctf, new DateTime(2025, 12, 6, 0, 0, 0, DateTimeKind.Utc));
        return ctf.ToArray();
    }

    private static byte[] WithoutSafeguardColumns(Synthetic.SyntheticSchool school)
    {
        var export = new Integrity.EditableExport(school);
        export.Contacts.RemoveColumn("Restriction");
        export.Contacts.RemoveColumn("Receives Correspondence");
        return export.Zip();
    }

    [Theory]
    [InlineData(40, 5, false)]    // a few leave
    [InlineData(40, 19, false)]   // under half leaves
    [InlineData(40, 20, true)]    // half leaves
    [InlineData(40, 39, true)]
    [InlineData(19, 15, false)]   // a roll too small to judge
    public async Task RunAsync_ExportTakingHalfTheRollOff_RefusedBeforeAnythingIsStored(int pupils, int leaving, bool refused)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: pupils);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var kept = school.Pupils.Skip(leaving).Select(p => p.Upn).ToHashSet();
        var export = new Integrity.EditableExport(school);
        export.Pupils.Rows.RemoveAll(r => !kept.Contains(r[export.Pupils.Header.IndexOf("UPN")]));
        // Leavers: the MIS still exports their marks up to the week before, none since.
        var attendance = export.Tables["attendance.csv"];
        attendance.Rows.RemoveAll(r => !kept.Contains(r[attendance.Header.IndexOf("UPN")])
            && DateOnly.Parse(r[attendance.Header.IndexOf("Date")], CultureInfo.InvariantCulture) > JobsFixture.AsOf.AddDays(-7));

        var result = await fixture.IngestAsync(export.Zip(), "smaller-roll.zip");

        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(refused ? IngestOutcome.Unreadable : IngestOutcome.Stored, result.Outcome);
        Assert.Equal(refused ? 0 : leaving, state.Pupils.Values.Count(p => p.Pupil.LeavingDate is not null));
        if (refused)
        {
            Assert.StartsWith($"this export would take {leaving} of the {pupils} pupils on roll off it at once", result.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The Legal Surname column sorted on its own (a spreadsheet slip), or only a few pupils renamed.</summary>
    [Theory]
    [InlineData(3, false)]    // three pupils renamed: names do change, one at a time
    [InlineData(9, false)]    // under ten
    [InlineData(40, true)]    // every surname moved to another pupil
    public async Task RunAsync_ManyPupilsComeWithAnotherName_RefusedBeforeAnythingIsStored(int renamed, bool refused)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var export = new Integrity.EditableExport(school);
        var surname = export.Pupils.Header.IndexOf("Legal Surname");
        var rows = export.Pupils.Rows.Take(renamed).ToList();
        // Each of the first rows takes the next one's surname, round: every one of them changes.
        var surnames = rows.Select(r => r[surname]).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i][surname] = surnames[(i + 1) % rows.Count] + (renamed < 40 ? "-Smith" : "");
        }

        var result = await fixture.IngestAsync(export.Zip(), "sorted.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(refused ? IngestOutcome.Unreadable : IngestOutcome.Stored, result.Outcome);
        var changed = after.Pupils.Values.Count(p => p.Pupil.LegalSurname != before.Pupils[p.Pupil.Id].Pupil.LegalSurname);
        Assert.Equal(refused ? 0 : renamed, changed);
        if (refused)
        {
            // Siblings next to each other keep their surname: nearly all, not all, change.
            Assert.Matches(@"^3\d of the 40 pupils this export shares with the store come with another legal name or date of birth \(pupils ", result.Message);
            Assert.DoesNotContain(surnames[0], result.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Two pairs of pupils' legal names swapped (under the ten that refuse an export whole), and one pupil renamed.</summary>
    [Fact]
    public async Task RunAsync_NamesSwappedBetweenPupils_BothRefusedAndARenameIsReported()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var export = new Integrity.EditableExport(school);
        var (forename, surname) = (export.Pupils.Header.IndexOf("Legal Forename"), export.Pupils.Header.IndexOf("Legal Surname"));
        var id = export.Pupils.Header.IndexOf("Pupil ID");
        var rows = export.Pupils.Rows;
        foreach (var (a, b) in new[] { (0, 5), (10, 15) })
        {
            (rows[a][forename], rows[b][forename]) = (rows[b][forename], rows[a][forename]);
            (rows[a][surname], rows[b][surname]) = (rows[b][surname], rows[a][surname]);
        }

        rows[20][surname] += "-Smith";
        var swapped = new[] { 0, 5, 10, 15 }.Select(i => rows[i][id]).ToList();

        var result = await fixture.IngestAsync(export.Zip(), "swapped.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.All(swapped, p => Assert.Equal(before.Pupils[p].Pupil.LegalSurname, after.Pupils[p].Pupil.LegalSurname));
        Assert.NotEqual(before.Pupils[rows[20][id]].Pupil.LegalSurname, after.Pupils[rows[20][id]].Pupil.LegalSurname);
        await using var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(result.RejectedPath!));
        var text = await new StreamReader(csv!).ReadToEndAsync();
        Assert.All(swapped, p => Assert.Contains($"pupil {p} comes with the legal name stored for pupil ", text, StringComparison.Ordinal));
        Assert.Contains($"pupil {rows[20][id]}'s legal surname changes in this export", text, StringComparison.Ordinal);
    }

    /// <summary>The pupil column of contacts.csv reversed on its own (a spreadsheet slip), or a few rows moved.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_ContactsPupilColumnMovedOnItsOwn_RefusedBeforeAnythingIsStored(bool wholeColumn)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var export = new Integrity.EditableExport(school);
        var upn = export.Contacts.Header.IndexOf("Pupil UPN");
        var rows = wholeColumn ? export.Contacts.Rows : export.Contacts.Rows.Take(3).ToList();
        var upns = rows.Select(r => r[upn]).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i][upn] = wholeColumn ? upns[^(i + 1)] : upns[(i + 1) % rows.Count];
        }

        var result = await fixture.IngestAsync(export.Zip(), "moved.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(wholeColumn ? IngestOutcome.Unreadable : IngestOutcome.Stored, result.Outcome);
        if (wholeColumn)
        {
            Assert.Matches(@"^\d+ of the \d+ pupils whose contacts this export lists would have none of the contacts stored for them \(pupils ", result.Message);
            Assert.All(after.Pupils.Values, p => Assert.Equal(
                before.Pupils[p.Pupil.Id].Links.Select(l => l.ContactId).Order(StringComparer.Ordinal), p.Links.Select(l => l.ContactId).Order(StringComparer.Ordinal)));
        }
    }

    /// <summary>A pupil's every contacts.csv row taken away (a parent removed in the MIS), or contacts.csv cut short.</summary>
    [Theory]
    [InlineData(1, false)]    // one pupil's family removed: their stored contacts go
    [InlineData(30, true)]    // most pupils missing: contacts.csv cut short, stored contacts kept
    public async Task RunAsync_PupilWithNoContactRows_StoredContactsGoUnlessTheFileLooksCutShort(int pupilsWithoutRows, bool kept)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var export = new Integrity.EditableExport(school);
        var (upn, pupilUpn) = (export.Contacts.Header.IndexOf("Pupil UPN"), export.Pupils.Header.IndexOf("UPN"));
        var gone = export.Pupils.Rows.Take(pupilsWithoutRows).Select(r => r[pupilUpn]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        export.Contacts.Rows.RemoveAll(r => gone.Contains(r[upn]));
        var ids = before.Pupils.Values.Where(p => gone.Contains(p.Pupil.Upn)).Select(p => p.Pupil.Id).ToList();

        var result = await fixture.IngestAsync(export.Zip(), "contacts-removed.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.All(ids, id => Assert.Equal(kept ? before.Pupils[id].Links.Count : 0, after.Pupils[id].Links.Count));
        await using var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(result.RejectedPath!));
        var text = await new StreamReader(csv!).ReadToEndAsync();
        Assert.Contains(kept ? $"contacts.csv lists no contact for {ids.Count} pupils who have contacts stored" : $"pupil {ids[0]} is in pupils.csv but contacts.csv lists no contact for them", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_PupilsCsvOnlyItsHeader_RefusedWholeSayingWhy(bool storeHasPupils)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        if (storeHasPupils)
        {
            await fixture.IngestAsync(JobsFixture.Zip(school));
        }

        var export = new Integrity.EditableExport(school);
        export.Pupils.Rows.Clear();

        var result = await fixture.IngestAsync(export.Zip(), "header-only.zip");

        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.Contains("no pupil could be read from it (pupils.csv holds no rows), so every other row would be refused: nothing was imported", result.Message, StringComparison.Ordinal);
        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(storeHasPupils ? 40 : 0, state.Pupils.Count);
    }

    /// <summary>caseloads.csv refuses rows whose pupil pupils.csv lacks; the stored caseloads of those pupils must stay.</summary>
    [Theory]
    [InlineData(10, 0)]    // cut short after ten pupils
    [InlineData(60, 0)]    // cut in half
    [InlineData(120, 1)]   // whole, with one mentee row taken away: that one goes
    public async Task RunAsync_PupilsCsvLacksMenteesPupils_TheirStoredCaseloadsKept(int pupilRows, int menteesRemoved)
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 120);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var export = new Integrity.EditableExport(school);
        export.Pupils.Rows.RemoveRange(pupilRows, export.Pupils.Rows.Count - pupilRows);
        export.Tables["caseloads.csv"].Rows.RemoveRange(0, menteesRemoved);

        await fixture.IngestAsync(export.Zip(), "broken-roll.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.True(before.Caseloads.Count > 10, $"{before.Caseloads.Count} mentees");
        Assert.Equal(before.Caseloads.Count - menteesRemoved, after.Caseloads.Count);
        Assert.Subset(before.Caseloads.ToHashSet(), after.Caseloads.ToHashSet());
    }

    [Fact]
    public async Task RunAsync_PupilsCsvCutShortWhileAttendanceMarksTheRest_NobodyLeavesAndTheDataManagersAreTold()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 40);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var export = new Integrity.EditableExport(school);
        // A pupils.csv that stopped at a line end: the last 6 pupils are gone from it, their marks to today are not.
        export.Pupils.Rows.RemoveRange(export.Pupils.Rows.Count - 6, 6);

        var result = await fixture.IngestAsync(export.Zip(), "cut-short.zip");

        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(0, state.Pupils.Values.Count(p => p.Pupil.LeavingDate is not null));
        Assert.Equal(0, result.Summary!.LeaversMarked);
        await using (var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(result.RejectedPath!)))
        {
            Assert.Contains($"pupils.csv does not list 6 pupils that attendance.csv marks on {JobsFixture.AsOf:yyyy-MM-dd}, its last day", await new StreamReader(csv!).ReadToEndAsync());
        }

        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        using var notice = MimeKit.MimeMessage.Load(Directory.GetFiles(fixture.OutboxDirectory, "ImportErrors.*.eml").Single());
        Assert.EndsWith(": import report, cut-short.zip", notice.Subject, StringComparison.Ordinal);
        // What the report holds is in the e-mail's text, counts only: the rows' values stay in the attached file.
        Assert.Contains($"To check, pupils.csv: pupils.csv does not list 6 pupils that attendance.csv marks on {JobsFixture.AsOf:yyyy-MM-dd}, its last day", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("pupils.csv: 1 warning", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AttendanceDatesWrittenMonthFirst_NoMarkChangedAndTheFileRefused()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 20);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var export = new Integrity.EditableExport(school);
        var attendance = export.Tables["attendance.csv"];
        var date = attendance.Header.IndexOf("Date");
        foreach (var row in attendance.Rows)
        {
            row[date] = DateOnly.Parse(row[date], CultureInfo.InvariantCulture).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        }

        var result = await fixture.IngestAsync(export.Zip(), "us-dates.zip");

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(0, result.Summary!.MarksChanged);
        Assert.Contains(result.FileErrors, i => i.File == "attendance.csv" && i.Reason.StartsWith("the dates of attendance.csv are written month first", StringComparison.Ordinal));
        // Said as a file not imported, not counted among the row errors.
        Assert.True(result.Message.Contains(" row errors, 1 file not imported (attendance.csv), 1 warning", StringComparison.Ordinal), result.Message);
    }

    [Fact]
    public async Task RunAsync_PupilDatesWrittenMonthFirst_NoPupilChangedNorTakenOffRoll()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 20);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var before = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var export = new Integrity.EditableExport(school);
        foreach (var column in new[] { "Date of Birth", "Admission Date" })
        {
            var i = export.Pupils.Header.IndexOf(column);
            foreach (var row in export.Pupils.Rows.Where(r => r[i].Length > 0))
            {
                row[i] = DateOnly.Parse(row[i], CultureInfo.InvariantCulture).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
            }
        }

        var result = await fixture.IngestAsync(export.Zip(), "us-dates.zip");

        var after = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        // The file as a whole is unusable, so no pupil is left to import: the export is refused, saying why.
        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.StartsWith("no pupil could be read from it (the dates of pupils.csv are written month first", result.Message, StringComparison.Ordinal);
        Assert.All(before.Pupils.Values, p => Assert.Equal(p.Pupil, after.Pupils[p.Pupil.Id].Pupil));
    }

    [Fact]
    public async Task RunAsync_OlderGeneratedExportIngestedLater_ChangesNoMark()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2026, 3, 27))), "27-march.zip");

        // Made on 6 March, its last days' absences still N where the later export has their reasons: those must stay,
        // though it is uploaded a day later.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var older = await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2026, 3, 6))), "6-march.zip");

        Assert.Equal(IngestOutcome.Stored, older.Outcome);
        Assert.Equal(0, older.Summary!.MarksChanged);
    }

    [Fact]
    public async Task RunAsync_OlderExportThatDoesNotSayWhenItWasMade_ChangesNoLaterMarkAndWarns()
    {
        using var fixture = new JobsFixture();
        AdvanceTo(fixture, new DateTimeOffset(2026, 3, 27, 18, 0, 0, TimeSpan.Zero));
        await fixture.IngestAsync(WithoutExportTime(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2026, 3, 27))), "27-march.zip");

        // An MIS export without exportedAt, made on 6 March and uploaded after the 27 March one: the upload time would
        // make it the newer, and its N marks would replace the reasons given since.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var older = await fixture.IngestAsync(WithoutExportTime(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2026, 3, 6))), "6-march.zip");

        Assert.Equal(IngestOutcome.Stored, older.Outcome);
        Assert.Equal(0, older.Summary!.MarksChanged);
        // One warning for the time it is taken as made, one for what it was not let change (OlderExport).
        Assert.Equal(2, OtherThanMissingTargets(older));
        await using var csv = await fixture.Context.Blobs.OpenReadAsync(Core.Ports.BlobPath.Parse(older.RejectedPath!));
        var issues = await new StreamReader(csv!).ReadToEndAsync();
        Assert.Contains("its attendance ends on 2026-03-06, before the stored marks (to 2026-03-27)", issues, StringComparison.Ordinal);
        Assert.Contains("before the data stored (2026-03-27 18:00 UTC): it takes nobody off roll", issues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NewerExportThatDoesNotSayWhenItWasMade_TakesTheUploadTime()
    {
        using var fixture = new JobsFixture();
        AdvanceTo(fixture, new DateTimeOffset(2026, 3, 6, 18, 0, 0, TimeSpan.Zero));
        await fixture.IngestAsync(WithoutExportTime(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2026, 3, 6))), "6-march.zip");

        AdvanceTo(fixture, new DateTimeOffset(2026, 3, 27, 18, 0, 0, TimeSpan.Zero));
        var newer = await fixture.IngestAsync(WithoutExportTime(JobsFixture.Generate(pupils: 30, asOf: new DateOnly(2026, 3, 27))), "27-march.zip");

        Assert.True(newer.Summary!.MarksChanged > 0);
        Assert.Equal(0, OtherThanMissingTargets(newer));
    }

    /// <summary>The warnings of an import but the one naming pupils without targets, which every synthetic export has (a tenth of KS4 pupils have none).</summary>
    private static int OtherThanMissingTargets(IngestResult result) =>
        result.WarningsFirstToRead.Count(w => w.File != Core.Imports.Csv.AssessmentsCsv.TargetsFileName);

    private static void AdvanceTo(JobsFixture fixture, DateTimeOffset at) => fixture.Clock.Advance(at - fixture.Clock.GetUtcNow());

    private static byte[] WithoutExportTime(Synthetic.SyntheticSchool school)
    {
        var export = new Integrity.EditableExport(school);
        export.SetSchoolJson("exportedAt", null);
        return export.Zip();
    }

    [Fact]
    public async Task RunAsync_CtfBeforeAnyBundle_SaysSchoolJsonIsNeeded()
    {
        using var fixture = new JobsFixture();
        var ctf = new MemoryStream();
        Synthetic.CtfWriter.Write(JobsFixture.Generate(pupils: 5), ctf, new DateTime(2025, 12, 5, 0, 0, 0, DateTimeKind.Utc));

        var result = await fixture.IngestAsync(ctf.ToArray(), "school.ctf.xml");

        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.Contains("import a CSV bundle with school.json", result.Message);
    }

    /// <summary>A write-only stream that hands its bytes over when closed.</summary>
    private sealed class CapturingStream(Action<byte[]> closed) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                closed(ToArray());
            }

            base.Dispose(disposing);
        }
    }
}
