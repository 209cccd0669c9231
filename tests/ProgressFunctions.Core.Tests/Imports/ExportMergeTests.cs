using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Imports;

public class ExportMergeTests
{
    private static readonly DateTimeOffset s_monday = new(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);
    private static readonly SchoolExport s_export =
        BundleReader.Read(new MemoryBundleSource(TestFiles.Write(SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Primary, 30, 42, new DateOnly(2025, 10, 10))))));

    [Fact]
    public void Apply_SameExportTwice_SecondChangesNothing()
    {
        var (once, first) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var (twice, second) = ExportMerge.Apply(once, s_export, s_monday);
        Assert.Equal(30, first.PupilsAdded);
        Assert.True(second.ChangedNothing);
        Assert.Equal(once.Attendance, twice.Attendance);
    }

    /// <summary>A pupil admitted since an older export was made is not in it: that export takes nobody off roll.</summary>
    [Fact]
    public void IsFullRoll_ExportOlderThanTheStoredData_False()
    {
        Assert.True(ExportMerge.IsFullRoll(s_export));
        Assert.False(ExportMerge.IsFullRoll(s_export with { OlderThanStored = true }));
    }

    [Fact]
    public void Apply_FirstExport_CountsContactRecordsAndPupilsLinkedApart()
    {
        var (_, summary) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);

        // Each contact once, however many children it is linked to; each pupil with contacts once.
        Assert.Equal(s_export.Contacts.DistinctBy(c => c.Id).Count(), summary.ContactsChanged);
        Assert.Equal(s_export.ContactLinks.Select(l => l.PupilId).Distinct().Count(), summary.PupilsWithLinksChanged);
    }

    [Theory]
    [InlineData(true, "", null, false)]    // a bundle says the pupil's roll details: blanks are the school's own
    [InlineData(false, "4A", "2021-09-01", true)]   // a CTF does not carry them: the stored ones stand
    public void Apply_KnownPupilListedWithoutRollDetails_KeepsTheStoredOnesOnlyWhenTheExportCannotSayThem(
        bool carriesRollDetails, string group, string? admitted, bool pupilPremium)
    {
        var stored = s_export.Pupils[0] with { RegistrationGroup = "4A", AdmissionDate = new DateOnly(2021, 9, 1), PupilPremium = true };
        var (known, _) = ExportMerge.Apply(KnownSchool.Empty, s_export with { Pupils = [stored] }, s_monday);
        var listed = stored with { RegistrationGroup = "", AdmissionDate = null, PupilPremium = false, LegalSurname = "Ní Bhriain" };

        var (school, summary) = ExportMerge.Apply(known, s_export with { Pupils = [listed], CarriesRollDetails = carriesRollDetails }, s_monday);

        var merged = school.Pupils[stored.Id];
        Assert.Equal(1, summary.PupilsUpdated);
        Assert.Equal("Ní Bhriain", merged.LegalSurname);
        Assert.Equal((group, admitted is null ? (DateOnly?)null : DateOnly.Parse(admitted, System.Globalization.CultureInfo.InvariantCulture), pupilPremium),
            (merged.RegistrationGroup, merged.AdmissionDate, merged.PupilPremium));
    }

    [Fact]
    public void Apply_NewPupils_EveryExportedMarkStampedWithTheExportTime()
    {
        var expected = s_export.Attendance!.Marks().ToDictionary(
            m => (m.PupilId, m.Date, m.Session), m => new StampedMark(m.Code, s_monday, m.MinutesLate));

        var (school, summary) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);

        Assert.Equal(expected.Count, summary.MarksChanged);
        Assert.Equal(expected.Count, school.Attendance.Count);
        Assert.Equal(expected.OrderBy(m => m.Key), school.Attendance.OrderBy(m => m.Key));
        Assert.All(expected, m => Assert.Equal(m.Value, school.Attendance[m.Key]));
    }

    [Fact]
    public void Apply_NewPupilWithAnEmptyRegister_NoMarksKnown()
    {
        var pupil = s_export.Pupils[0].Id;
        var export = new AttendanceRegisters(s_export.Attendance!.Calendar);
        export.RegisterFor(pupil);

        var (school, summary) = ExportMerge.Apply(KnownSchool.Empty, s_export with { Attendance = export }, s_monday);

        Assert.Equal(0, summary.MarksChanged);
        Assert.Null(school.Attendance.Of(pupil));
        Assert.Empty(school.Attendance);
    }

    [Fact]
    public void Apply_ChangedMarkOfAPupilMarkedByTheLastExport_OnlyThatMarkChanges()
    {
        var (known, _) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var pupil = s_export.Pupils[0].Id;
        var changed = s_export.Attendance!.Marks().First(m => m.PupilId == pupil);
        var export = new AttendanceRegisters(s_export.Attendance.Calendar);
        foreach (var mark in s_export.Attendance.MarksOf(pupil))
        {
            export.RegisterFor(pupil).TrySet(mark.Date, mark.Session, mark == changed ? AttendanceCode.Illness : mark.Code);
        }

        var (after, summary) = ExportMerge.Apply(known, s_export with { Attendance = export }, s_monday.AddDays(1));

        Assert.Equal(1, summary.MarksChanged);
        Assert.Equal(new StampedMark(AttendanceCode.Illness, s_monday.AddDays(1)), after.Attendance[(pupil, changed.Date, changed.Session)]);
        Assert.Equal(known.Attendance.Count, after.Attendance.Count);
        Assert.Equal(known.Attendance.Where(m => m.Key != (pupil, changed.Date, changed.Session)), after.Attendance.Where(m => m.Key != (pupil, changed.Date, changed.Session)));
    }

    [Fact]
    public void Apply_PupilMissingFromLaterExport_MarkedLeaverNotDeleted()
    {
        var (known, _) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var gone = s_export.Pupils[0];
        var later = s_export with { Pupils = [.. s_export.Pupils.Skip(1)] };
        var (after, summary) = ExportMerge.Apply(known, later, s_monday.AddDays(7));
        Assert.Equal(1, summary.LeaversMarked);
        Assert.Equal(new DateOnly(2026, 3, 8), after.Pupils[gone.Id].LeavingDate);
        Assert.True(ExportMerge.Apply(after, later, s_monday.AddDays(7)).Summary.ChangedNothing);
    }

    [Fact]
    public void Apply_OlderExportAfterNewer_DoesNotReplaceMarks()
    {
        var (known, _) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var key = known.Attendance.Keys.First();
        var marks = known.Attendance.ToDictionary();
        marks[key] = new StampedMark(AttendanceCode.Illness, s_monday.AddDays(1));
        var corrected = known with { Attendance = KnownMarks.From(marks) };
        var (after, summary) = ExportMerge.Apply(corrected, s_export, s_monday);
        Assert.Equal(0, summary.MarksChanged);
        Assert.Equal("I", after.Attendance[key].Code.Code);
        Assert.Equal(1, ExportMerge.Apply(corrected, s_export, s_monday.AddDays(2)).Summary.MarksChanged);
    }
}
