using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Sen;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>The SEN report in the school's agreed format (school.json <c>senReport</c>, set by <see cref="EditedSchool"/>), as sent, with its figures recounted.</summary>
public sealed partial class ReconciliationTests
{
    /// <summary>Each section the school may choose: its heading, and the caption of the table that opens it.</summary>
    private static readonly Dictionary<string, (string Heading, string Caption)> s_senSections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Attendance"] = ("Attendance", "Attendance of pupils with SEN ("),
        ["Behaviour"] = ("Behaviour", "Behaviour and achievement points this term"),
        ["Homework"] = ("Homework", "Homework due this term"),
        ["Progress by subject"] = ("Progress by subject", "Every subject of every pupil with SEN ("),
        ["Interventions"] = ("Interventions and their impact", "Impact by type of intervention"),
        ["Notes"] = ("Notes", "Where each intervention's notes are kept"),
    };

    [Fact]
    public async Task SenReport_InTheSchoolsAgreedFormat_HasExactlyItsSectionsInItsOrderAndReconciles()
    {
        var school = await schools.Edited();
        var asOf = school.Snapshot.AsOf;
        var pdf = school.Pdf("-sen.pdf");
        var chosen = EditedSchool.SenSections.Select(s => s_senSections[s]).ToList();

        var at = 0;
        foreach (var (heading, caption) in chosen)
        {
            at = pdf.IndexOf(heading, at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"the SEN report has no section \"{heading}\" after the ones before it");
            at = pdf.IndexOf(caption, at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"the SEN report's section \"{heading}\" has no \"{caption}\"");
        }

        foreach (var (heading, caption) in s_senSections.Values.Except(chosen))
        {
            Assert.DoesNotContain(caption, pdf, StringComparison.Ordinal);
            Assert.DoesNotContain(heading, pdf, StringComparison.Ordinal);
        }

        // The standard report's own table is not there either.
        Assert.DoesNotContain("Pupils with SEN (", pdf, StringComparison.Ordinal);

        var model = SenReport.Build(new SenReportInput(school.Export.SchoolName, asOf, school.Snapshot, school.Directory)
        {
            Sections = [SenSection.Progress, SenSection.Interventions, SenSection.Attendance, SenSection.Notes, SenSection.Behaviour],
        });
        Assert.Equal(chosen.Select(c => c.Heading), model.Blocks.OfType<Heading>().Select(h => h.Value));

        var term = TermOf(school, asOf);
        var sen = school.Export.Pupils.Where(p => p.OnRoll(asOf) && p.Sen != "N").ToList();
        var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption?.StartsWith("Attendance of pupils with SEN (", StringComparison.Ordinal) == true);
        Assert.Equal(sen.Count, table.Rows.Count);
        Assert.Contains($"Attendance of pupils with SEN ({Number(sen.Count)}): sessions this year", pdf, StringComparison.Ordinal);
        foreach (var pupil in sen)
        {
            var (year, inTerm) = (YearToDate(school, pupil, asOf), Count(school.Export.MarksByUpn[pupil.Upn], term.Start, asOf));
            string[] expected = [pupil.Listed, $"Year {pupil.Year}", pupil.Sen == "E" ? "EHC plan" : "SEN support", AttendancePercent(year), AttendancePercent(inTerm),
                Number(year.Absent), Number(year.Unauthorised), Number(year.Late)];
            Assert.Contains(table.Rows, r => r.Cells.SequenceEqual(expected));
            AssertNear(pdf, expected);
        }

        // The pupil absent from the edit's first day: their row above counts those of the days that fall before the snapshot.
        var absent = EditedSchool.AbsentPupil(school.Export);
        var sinceEdit = Count(school.Export.MarksByUpn[absent.Upn], RolesOf(school).SchoolDays[^EditedSchool.AbsentDays], asOf);
        Assert.True(sinceEdit.Possible > 0 && sinceEdit.Absent == sinceEdit.Possible, $"the snapshot of {asOf} holds none of {absent.Id}'s days absent");

        var groups = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == "SEN groups compared with pupils without SEN");
        foreach (var group in school.Export.Pupils.Where(p => p.OnRoll(asOf)).GroupBy(p => p.Sen))
        {
            var name = group.Key switch { "N" => "No SEN", "K" => "SEN support (K)", _ => "EHC plan (E)" };
            var (count, total, persistent, _) = Group(group.Select(p => YearToDate(school, p, asOf)));
            string[] expected = [name, Number(group.Count()), AttendancePercent(total), Percent(persistent, count)];
            Assert.Equal(expected, groups.Rows.Single(r => r.Cells[0] == name).Cells.Take(4));
            AssertInPdf(pdf, expected);
        }
    }
}
