using System.Globalization;
using System.Text.RegularExpressions;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Synthetic;

public partial class SchoolGeneratorTests
{
    [Theory]
    [InlineData("2025-09-03", 2025)]
    [InlineData("2026-03-20", 2025)]
    [InlineData("2026-09-10", 2026)]
    [InlineData("2027-03-20", 2026)]
    [InlineData("2027-08-10", 2027)]
    public void Generate_AsOf_WritesTheAcademicYearContainingIt(string day, int startYear)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 50, 3, DateOnly.Parse(day, CultureInfo.InvariantCulture)));

        Assert.All(school.Profile.Terms, t => Assert.Equal(new AcademicYear(startYear), t.Year));
        Assert.Equal(3, school.Profile.Terms.Count);
    }

    [Theory]
    [InlineData("2025-09-10")]
    [InlineData("2026-02-18")]
    [InlineData("2026-07-15")]
    [InlineData("2027-08-10")]
    public void Generate_AnyAsOf_NothingAfterThatDay(string day)
    {
        var asOf = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Primary, 140, 5, asOf));

        Assert.All(school.AllMarks(), m => Assert.True(m.Date <= asOf));
        Assert.All(school.Assessments, a => Assert.True(a.Date <= asOf));
        Assert.All(school.Behaviour, b => Assert.True(b.Date <= asOf));
        Assert.All(school.Homework, h => Assert.True(h.Due <= asOf));
        // An export made in August lists the September intake ahead of their first day.
        Assert.All(school.Pupils, p => Assert.True(p.AdmissionDate <= asOf || p.AdmissionDate == new DateOnly(asOf.Year, 9, 1)));
        Assert.Equal(140, school.Pupils.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    public void Generate_PupilCount_ThatManyOnRollInEvenYearGroups(int pupils)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, pupils, 11, new DateOnly(2026, 1, 20)));

        Assert.Equal(pupils, school.Pupils.Count);
        Assert.Equal(pupils, school.Pupils.Select(p => p.Id).Distinct().Count());
        var sizes = school.Pupils.CountBy(p => p.YearGroup).Select(g => g.Value).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Fact]
    public void Generate_NextYear_SamePupilsAYearGroupUp()
    {
        var options = new GeneratorOptions(SchoolPhase.Secondary, 250, 9, new DateOnly(2026, 3, 20));
        var now = SchoolGenerator.Generate(options);
        var next = SchoolGenerator.Generate(options with { AsOf = new DateOnly(2027, 3, 19) });

        var nextByUpn = next.Pupils.ToDictionary(p => p.Upn);
        var stayed = now.Pupils.Where(p => p.YearGroup < 11 && nextByUpn.ContainsKey(p.Upn)).ToList();
        Assert.True(stayed.Count >= now.Pupils.Count(p => p.YearGroup < 11) * 0.95);
        Assert.All(stayed, p => Assert.Equal((p.YearGroup + 1, p.LegalForename, p.LegalSurname, p.DateOfBirth), (nextByUpn[p.Upn].YearGroup, nextByUpn[p.Upn].LegalForename, nextByUpn[p.Upn].LegalSurname, nextByUpn[p.Upn].DateOfBirth)));
        Assert.DoesNotContain(now.Pupils.Where(p => p.YearGroup == 11), p => nextByUpn.ContainsKey(p.Upn));
    }

    [Fact]
    public void Generate_LaterExport_SameMarksOnEarlierDays()
    {
        var options = new GeneratorOptions(SchoolPhase.Primary, 60, 4, new DateOnly(2025, 11, 14)) { IncludeProgress = false };
        var early = SchoolGenerator.Generate(options);
        var later = SchoolGenerator.Generate(options with { AsOf = new DateOnly(2026, 2, 6) });

        // Up to a week before the earlier export, before any mark there could still be N. A pupil joining this year
        // joins on the same day in both exports.
        var settled = new DateOnly(2025, 11, 7);
        var laterAdmission = later.Pupils.ToDictionary(p => p.Id, p => p.AdmissionDate);
        var both = early.Pupils.Where(p => laterAdmission.ContainsKey(p.Id)).ToList();
        Assert.True(both.Count >= 58);
        Assert.All(both, p => Assert.Equal(p.AdmissionDate, laterAdmission[p.Id]));
        Assert.Equal(both.SelectMany(early.MarksOf).Where(m => m.Date <= settled), both.SelectMany(later.MarksOf).Where(m => m.Date <= settled));
    }

    [Theory]
    [InlineData("2025-09-20")]
    [InlineData("2025-12-05")]
    [InlineData("2026-03-20")]
    [InlineData("2026-07-10")]
    public void Generate_PupilsJoiningThisYear_SameAdmissionDayInEveryExport(string day)
    {
        var options = new GeneratorOptions(SchoolPhase.Secondary, 1500, 5, DateOnly.Parse(day, CultureInfo.InvariantCulture)) { IncludeProgress = false };
        var atYearEnd = SchoolGenerator.Generate(options with { AsOf = new DateOnly(2026, 7, 17) }).Pupils.ToDictionary(p => p.Id, p => p.AdmissionDate);

        var joiners = SchoolGenerator.Generate(options).Pupils.Where(p => p.AdmissionDate >= new DateOnly(2025, 9, 2)).ToList();

        Assert.All(joiners, p => Assert.Equal(atYearEnd[p.Id], p.AdmissionDate));
        Assert.All(joiners, p => Assert.True(p.AdmissionDate <= options.AsOf));
    }

    [Theory]
    [InlineData(SchoolPhase.Secondary, 1500, 2026)]
    [InlineData(SchoolPhase.Primary, 700, 8)]
    public void Generate_BrothersAndSisters_NeverShareAForename(SchoolPhase phase, int pupils, int seed)
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(phase, pupils, seed) with { IncludeProgress = false });
        var forenames = school.Pupils.ToDictionary(p => p.Id, p => p.LegalForename);

        var families = school.ContactLinks.GroupBy(l => l.ContactId).Select(g => g.Select(l => l.PupilId).Distinct().ToList()).Where(f => f.Count > 1).ToList();

        Assert.NotEmpty(families);
        Assert.All(families, f => Assert.Equal(f.Count, f.Select(id => forenames[id]).Distinct().Count()));
    }

    [Fact]
    public void Generate_Ids_FromTheDocumentedCharacterSet()
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 400, 8));

        Assert.All(school.Pupils.Select(p => p.Id).Concat(school.Contacts.Select(c => c.Id)).Concat(school.Staff.Select(s => s.Id)),
            id => Assert.Matches(IdCharacters(), id));
        Assert.Equal(school.Contacts.Count, school.Contacts.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(SchoolPhase.Secondary, 1500, 2026)]
    [InlineData(SchoolPhase.Primary, 700, 8)]
    public void Generate_ContactLinks_EachContactLinkedToAPupilOnce(SchoolPhase phase, int pupils, int seed)
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(phase, pupils, seed));

        var links = school.ContactLinks.Select(l => (l.ContactId, l.PupilId)).ToList();
        Assert.Equal(links.Count, links.Distinct().Count());
    }

    [Fact]
    public void Generate_Siblings_ShareTheirFamilysContacts()
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Primary, 700, 8));

        var pupilsPerContact = school.ContactLinks.GroupBy(l => l.ContactId).Select(g => g.Count()).ToList();
        Assert.InRange(100.0 * pupilsPerContact.Count(n => n > 1) / pupilsPerContact.Count, 3, 20);
    }

    [Fact]
    public void Generate_DataDrops_EverySnapshotOfTheYearHasResults()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 150, 2026, new DateOnly(2026, 7, 31)));

        foreach (var due in SnapshotSchedule.For(school.Calendar))
        {
            var snapshot = SnapshotBuilder.Build(school.SnapshotInputs(due.KeyFor(school.Profile.Urn), due.DataTo));
            var subjects = snapshot.Pupils.SelectMany(p => p.Subjects).ToList();
            Assert.True(subjects.Count(s => s.CurrentGrade is not null) >= subjects.Count * 0.95, $"{due.Term.Name} {due.Point}: results in {subjects.Count(s => s.CurrentGrade is not null)} of {subjects.Count} subjects");
        }
    }

    [Fact]
    public void Generate_Progress_MostPupilsNearTheirFlightPathAMinorityBelow()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 600, 2026, new DateOnly(2026, 3, 13)));

        var bands = school.Snapshot().Pupils.SelectMany(p => p.Subjects).Where(s => s.Band is not null).Select(s => s.Band!.Value).ToList();
        var below = 100.0 * bands.Count(b => b is ProgressBand.Below or ProgressBand.WellBelow) / bands.Count;
        var wellBelow = 100.0 * bands.Count(b => b is ProgressBand.WellBelow) / bands.Count;
        Assert.InRange(below, 8, 30);
        Assert.InRange(wellBelow, 0.2, 8);
        Assert.True(100.0 * bands.Count(b => b is ProgressBand.OnTrack) / bands.Count >= 50);
    }

    [Fact]
    public void Generate_Progress_DisadvantagedAndSenPupilsRunBehindTheOthersAsNationally()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 13)));
        var pupils = school.Pupils.ToDictionary(p => p.Id);
        var differences = school.Snapshot().Pupils
            .SelectMany(p => p.Subjects.Where(s => s.Scale == GradeScale.Gcse.Name && s.Difference is not null).Select(s => (Pupil: pupils[p.PupilId], Difference: (double)s.Difference!.Value)))
            .ToList();
        double Mean(Func<Pupil, bool> group) => differences.Where(d => group(d.Pupil)).Average(d => d.Difference);

        // Progress 8 (KS4 performance 2023/24) is about a grade per subject: disadvantaged pupils about -0.6 and the
        // rest about +0.15; SEN support about -0.45 and an EHC plan about -1.1. A Year 10 or 11 GCSE course is most of the way there.
        Assert.InRange(Mean(p => !p.PupilPremium) - Mean(p => p.PupilPremium), 0.4, 0.9);
        Assert.InRange(Mean(p => p.Sen == SenStatus.None) - Mean(p => p.Sen == SenStatus.Support), 0.25, 0.7);
        Assert.InRange(Mean(p => p.Sen == SenStatus.None) - Mean(p => p.Sen == SenStatus.Ehcp), 0.6, 1.4);
    }

    /// <summary>A pupil who misses half the year is not on track everywhere: the severely absent run well behind the flight path, those who attend run on it.</summary>
    [Fact]
    public void Generate_Progress_SeverelyAbsentPupilsRunWellBehind()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 13)));
        var pupils = school.Snapshot().Pupils.Where(p => p.Subjects.Any(s => s.Difference is not null)).ToList();
        double Mean(Func<Core.Attendance.AttendanceTotals, bool> attendance) => pupils.Where(p => attendance(p.YearAttendance))
            .SelectMany(p => p.Subjects.Where(s => s.Difference is not null)).Average(s => (double)s.Difference!.Value);

        var attending = Mean(t => t.Absent * 20 <= t.Possible);   // 95% or more
        var severe = Mean(t => t.IsSevereAbsence);

        Assert.InRange(attending - severe, 0.8, 2);
    }

    [Fact]
    public void Generate_Results_SeverelyAbsentPupilsMissSomeAssessmentsAndTheRestNone()
    {
        var asOf = new DateOnly(2026, 3, 13);
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, asOf));
        var years = school.Snapshot().Pupils.ToDictionary(p => p.PupilId, p => p.YearAttendance);
        // Results per subject this year: each subject of a KS3 pupil is assessed at every data drop so far.
        var perSubject = school.Assessments.Where(a => a.Date >= new DateOnly(2025, 9, 1) && a.Scale != "KS2")
            .GroupBy(a => (a.PupilId, a.Subject)).Select(g => (g.Key.PupilId, Count: g.Count())).ToList();
        var most = perSubject.Max(s => s.Count);
        double Missing(Func<Core.Attendance.AttendanceTotals, bool> attendance) =>
            perSubject.Where(s => years.TryGetValue(s.PupilId, out var y) && attendance(y)).Average(s => (double)(most - s.Count) / most);

        var severe = Missing(t => t.IsSevereAbsence);
        var others = Missing(t => t.Possible > 0 && t.Absent * 10 < t.Possible);

        Assert.InRange(severe, 0.2, 0.8);
        Assert.InRange(others, 0, 0.2);
    }

    [Fact]
    public void Generate_Suspensions_AFewPupilsWholeDaysAfterAnIncidentDisadvantagedMoreOften()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 13)));
        var suspended = school.AllMarks().Where(m => m.Code.Code == "E").GroupBy(m => m.PupilId).ToDictionary(g => g.Key, g => g.ToList());
        var incidents = school.Behaviour.Where(b => b.Category == "Serious incident").ToLookup(b => b.PupilId);
        double Share(Func<Pupil, bool> group) => school.Pupils.Where(group).Average(p => suspended.ContainsKey(p.Id) ? 1.0 : 0.0);

        // About 9% of secondary pupils a year, so by mid-March (about 60% of the school days) some 6%.
        Assert.InRange(Share(_ => true), 0.03, 0.10);
        Assert.True(Share(p => p.PupilPremium) > 2 * Share(p => !p.PupilPremium));
        foreach (var (pupil, marks) in suspended)
        {
            // Whole days, each run after an incident on the school day before it.
            Assert.All(marks.GroupBy(m => m.Date), day => Assert.Equal(2, day.Count()));
            var firstDays = marks.Select(m => m.Date).Distinct().Order().Where(d => !marks.Any(m => m.Date == school.Calendar.DayAt(school.Calendar.DaysBefore(d) - 1)));
            Assert.All(firstDays, d => Assert.Contains(incidents[pupil], i => i.Date == school.Calendar.DayAt(school.Calendar.DaysBefore(d) - 1)));
        }
    }

    [Fact]
    public void Generate_Behaviour_DisadvantagedAndSenPupilsLosePointsMoreOftenAsNationally()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 13)));
        var lost = school.Behaviour.Where(b => b.Points < 0).GroupBy(b => b.PupilId).ToDictionary(g => g.Key, g => -g.Sum(b => b.Points));
        double PerPupil(Func<Pupil, bool> group) => school.Pupils.Where(group).Average(p => lost.GetValueOrDefault(p.Id));

        // Suspensions (DfE, 2022/23): about four times as frequent for pupils on free school meals, and for pupils with SEN.
        Assert.InRange(PerPupil(p => p.PupilPremium) / PerPupil(p => !p.PupilPremium), 2.5, 6);
        Assert.InRange(PerPupil(p => p.Sen == SenStatus.Support) / PerPupil(p => p.Sen == SenStatus.None), 2, 5);
    }

    [Fact]
    public void Generate_Targets_AboutOneKs4PupilInTenHasNoneAndAllHaveKs2PriorAttainment()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 13)));

        var withTargets = school.Targets.Select(t => t.PupilId).ToHashSet();
        var ks4 = school.Pupils.Where(p => p.YearGroup >= 10).ToList();
        Assert.InRange(100.0 * ks4.Count(p => !withTargets.Contains(p.Id)) / ks4.Count, 6, 14);
        Assert.All(school.Pupils.Where(p => p.YearGroup < 10), p => Assert.Contains(p.Id, withTargets));
        var priors = school.Assessments.Where(a => a.Scale == GradeScale.Ks2ScaledScore.Name).ToLookup(a => a.PupilId);
        Assert.True(school.Pupils.Count(p => priors[p.Id].Any(a => a.Subject == "Maths")) >= school.Pupils.Count * 0.95);
        Assert.All(school.Assessments.Where(a => a.Scale == GradeScale.Ks2ScaledScore.Name), a => Assert.True(a.Date < new DateOnly(2025, 9, 1)));
    }

    [Fact]
    public void Generate_TeachingGroups_SetsOfAboutTwentyEightByYearAndSubject()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 600, 2026, new DateOnly(2026, 3, 13)));

        var groups = school.Targets.GroupBy(t => t.TeachingGroup!).ToList();
        Assert.All(groups, g => Assert.Matches(TeachingGroup(), g.Key));
        Assert.InRange(groups.Average(g => g.Count()), 20, 36);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex IdCharacters();

    [GeneratedRegex("^(7|8|9|10|11)(En|Ma|Sc|Hi|Gg|Fr|Ar|Cp)[1-9]$")]
    private static partial Regex TeachingGroup();
}
