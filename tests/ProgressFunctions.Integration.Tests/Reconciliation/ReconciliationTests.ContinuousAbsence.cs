using ProgressFunctions.Core.Reports.AttendanceOfficer;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>The continuous-absence list of the weekly summary, on a school whose export has a pupil absent 12 school days in a row (<see cref="EditedSchool"/>).</summary>
public sealed partial class ReconciliationTests
{
    [Fact]
    public async Task WeeklySummary_PupilAbsentTwelveSchoolDaysToTheWeeksEnd_IsListedWithTheDaysAndMarksOfTheExport()
    {
        var school = await schools.Edited();
        var pupil = EditedSchool.AbsentPupil(school.Export);
        var week = await WeekOf(school);
        var days = RolesOf(school).SchoolDays.Where(d => d >= YearStart(week.End) && d <= week.End).ToList();
        var marks = school.Export.MarksByUpn[pupil.Upn].ToList();

        var spell = Assert.Single(Spells(marks, days), s => s.Days >= 10);
        Assert.Equal((days[^EditedSchool.AbsentDays], week.End, EditedSchool.AbsentDays, 2 * EditedSchool.AbsentDays), spell);
        var codes = marks.Where(m => m.Date >= spell.First && m.Date <= spell.Last).GroupBy(m => m.Code)
            .Select(g => (Code: g.Key, Sessions: g.Count())).OrderByDescending(c => c.Sessions).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        Assert.Equal([("I", 2 * EditedSchool.IllDays), ("O", 2 * (EditedSchool.AbsentDays - EditedSchool.IllDays))], codes);

        var pdf = school.Pdf($"/weekly-summary-{week.Start:yyyy-MM-dd}.pdf");
        AssertNear(pdf, [pupil.Listed, pupil.Form, Short(spell.First), Short(spell.Last), Number(spell.Days), Number(spell.Sessions), string.Join(", ", codes.Select(c => $"{c.Code} {Number(c.Sessions)}")), "Yes"]);
        AssertNear(pdf, ["Still absent", "1"]);

        var registers = school.State.Registers(school.State.Calendar!);
        var (_, continuous) = WeeklySummary.Lists(new WeeklySummaryInput(school.Export.SchoolName, Monday(week.End), week,
            [.. school.State.OnRoll(week.End).Select(p => registers[p.Id])], school.Directory));
        var listed = Assert.Single(continuous);
        Assert.Equal((pupil.Id, spell.First, spell.Last, spell.Days, spell.Sessions, true), (listed.PupilId, listed.Spell.First, listed.Spell.Last, listed.Spell.SchoolDays, listed.Spell.Sessions, listed.Open));
        Assert.Equal(codes, listed.Codes);

        // The rest of the summary still reconciles for the whole school, this pupil now included.
        await AssertWeeklySummaryAsync(school);
    }
}
