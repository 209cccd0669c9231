using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Imports.Ctf;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Imports;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Synthetic;

public class RoundTripTests
{
    private static readonly SyntheticSchool s_school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 80, seed: 5));

    private static SchoolExport ReadCsv() => BundleReader.Read(new MemoryBundleSource(TestFiles.Write(s_school)));

    private static SchoolExport ReadCtf()
    {
        using var stream = new MemoryStream();
        CtfWriter.Write(s_school, stream, new DateTime(2026, 7, 10, 16, 0, 0));
        stream.Position = 0;
        return CtfReader.Read(stream, s_school.Calendar, "school.ctf.xml", s_school.Profile.Scales);
    }

    /// <summary>The pupil fields a CTF carries (no registration group, pupil premium or dates on roll).</summary>
    private static Pupil CtfView(Pupil p) => p with { RegistrationGroup = "", PupilPremium = false, AdmissionDate = null, LeavingDate = null };

    [Fact]
    public void CsvBundle_GeneratedSchool_ReadsBackWithoutIssues()
    {
        var export = ReadCsv();
        Assert.Empty(export.Issues);
        Assert.Equal(s_school.Pupils, export.Pupils);
        Assert.Equal(s_school.Contacts.OrderBy(c => c.Id), export.Contacts.OrderBy(c => c.Id));
        Assert.Equal(s_school.ContactLinks, export.ContactLinks);
        Assert.Equal(s_school.Staff, export.Staff);
        Assert.Equal(s_school.StaffRoles, export.StaffRoles);
        Assert.Equal(s_school.Assessments, export.Assessments);
        Assert.Equal(s_school.Targets, export.Targets);
        Assert.Equal(s_school.Behaviour, export.Behaviour);
        Assert.Equal(s_school.Homework, export.Homework);
        Assert.Equal(s_school.AllMarks().OrderBy(m => m.PupilId, StringComparer.Ordinal).ThenBy(m => m.Date).ThenBy(m => m.Session), export.Attendance!.Marks());
    }

    [Fact]
    public void CsvAndCtf_SameSchool_GiveTheSameModelForWhatBothCarry()
    {
        var csv = ReadCsv();
        var ctf = ReadCtf();
        Assert.Empty(ctf.Issues);
        Assert.Equal(csv.Pupils.Select(CtfView), ctf.Pupils);
        Assert.Equal(csv.Contacts.OrderBy(c => c.Id), ctf.Contacts.OrderBy(c => c.Id));
        Assert.Equal(
            csv.ContactLinks.Select(l => (l.ContactId, l.PupilId, l.Relationship, l.ParentalResponsibility, l.Priority)),
            ctf.ContactLinks.Select(l => (l.ContactId, l.PupilId, l.Relationship, l.ParentalResponsibility, l.Priority)));
        Assert.Equal(csv.Assessments, ctf.Assessments);
        Assert.Equal(csv.Attendance!.Marks().Select(m => m with { MinutesLate = null }), ctf.Attendance!.Marks());
    }

    [Fact]
    public void Generate_SameOptions_SameSchoolAndMarks()
    {
        var again = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 80, seed: 5));
        Assert.Equal(s_school.Pupils, again.Pupils);
        Assert.Equal(s_school.AllMarks(), again.AllMarks());
    }

    [Fact]
    public void Generate_Secondary_HasRealisticPatterns()
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 600, seed: 1));
        var absenceRates = school.Pupils.Select(p => school.MarksOf(p).ToList())
            .Select(m => (double)m.Count(x => x.Code.Category.IsAbsence()) / m.Count(x => x.Code.Category.IsPossible())).ToList();
        Assert.InRange(absenceRates.Count(r => r >= 0.1), 30, 200);    // persistent absentees
        Assert.InRange(absenceRates.Count(r => r >= 0.5), 2, 40);      // severe absentees
        var marks = school.AllMarks().ToList();
        Assert.Contains(marks, m => m.Code.Code == "N" && m.Date > school.Options.AsOf.AddDays(-10));
        Assert.Contains(marks, m => m.Code.Code == "G");
        Assert.Contains(marks, m => m.Code.Code == "L" && m.MinutesLate > 0);
        Assert.Contains(school.Pupils, p => p.LegalForename is "Zoë" or "Siobhán" or "Łukasz");
        Assert.Contains(school.Contacts, c => c.Email is null);
        Assert.Contains(school.ContactLinks, l => l.Restriction is not null && !l.ReceivesCorrespondence);
        Assert.Contains(school.ContactLinks, l => !l.ParentalResponsibility);
        // A baseline and one drop per half term in 2025/26, and each cohort's own KS2 results as prior attainment.
        Assert.Equal(7, school.Assessments.Where(a => a.Point.StartsWith("2025/26 ", StringComparison.Ordinal)).Select(a => a.Point).Distinct().Count());
        Assert.Equal(5, school.Assessments.Where(a => a.Point.StartsWith("KS2 ", StringComparison.Ordinal)).Select(a => a.Point).Distinct().Count());
    }

    [Theory]
    [InlineData(SchoolPhase.Secondary, 1500, 1)]
    [InlineData(SchoolPhase.Primary, 420, 2)]
    public void Generate_Contacts_FewFamiliesTheSchoolCannotEmail(SchoolPhase phase, int pupils, int seed)
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(phase, pupils, seed));
        var emailed = school.Contacts.Where(c => c.Email is not null).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var reachable = school.ContactLinks.Where(l => l.ReceivesCorrespondence && emailed.Contains(l.ContactId)).Select(l => l.PupilId).ToHashSet(StringComparer.Ordinal);
        var unreached = school.Pupils.Count(p => !reachable.Contains(p.Id));

        // Every household with children has internet access (ONS, 2020): a family without an address is an MIS gap.
        Assert.InRange((double)unreached / school.Pupils.Count, 0.01, 0.06);
    }

    [Fact]
    public void Generate_Ks3Results_ATermMovesMostSubjectsOneStepButNotEverySubject()
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 1500, seed: 3));
        Assert.True(school.Profile.Scales.TryGet("KS3 steps", out var steps));
        var byCourse = school.Assessments.Where(a => a.Scale == "KS3 steps").ToLookup(a => (a.PupilId, a.Subject));
        var changes = byCourse.Select(c => (From: c.SingleOrDefault(a => a.Point == "2025/26 Autumn 2"), To: c.SingleOrDefault(a => a.Point == "2025/26 Spring 2")))
            .Where(c => c.From is not null && c.To is not null)
            .Select(c => steps.ValueOf(c.To!.Grade) - steps.ValueOf(c.From!.Grade)).ToList();
        double Share(decimal change) => (double)changes.Count(c => c == change) / changes.Count;

        // One step a term is the flight path; teachers' judgements around it put some subjects still and some two ahead.
        Assert.InRange(Share(1), 0.5, 0.8);
        Assert.InRange(Share(0), 0.08, 0.3);
        Assert.InRange(Share(2), 0.08, 0.3);
    }

    [Fact]
    public void Generate_Primary_UsesTeacherAssessmentAndKs2TestsForYear6()
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Primary, 70));
        var tracking = school.Assessments.Where(a => !a.Point.StartsWith("KS2 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, tracking.Select(a => a.Point).Distinct().Count());
        Assert.All(tracking, a => Assert.Equal("KS2 TA", a.Scale));
        var year6 = school.Pupils.Where(p => p.YearGroup == 6).Select(p => p.Id).ToHashSet();
        Assert.All(school.Assessments.Where(a => a.Point == "KS2 2026"), a => Assert.Contains(a.PupilId, year6));
        Assert.Contains(school.Assessments, a => a.Point == "KS2 2026" && a.Scale == "KS2");
    }
}
