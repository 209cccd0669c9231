using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class ParentAttendanceTextTests
{
    [Theory]
    // present, absent (authorised) of the year -> tone of the "this year" key fact, PA explained
    [InlineData(98, 2, "98.0%", Tone.Good, false)]
    [InlineData(96, 4, "96.0%", Tone.Normal, false)]
    [InlineData(93, 7, "93.0%", Tone.Caution, false)]
    [InlineData(90, 10, "90.0%", Tone.Concern, true)]
    [InlineData(40, 60, "40.0%", Tone.Concern, true)]
    public void Build_YearAttendance_ToneAndPersistentAbsenceExplained(int present, int absent, string shown, Tone tone, bool persistent)
    {
        var (school, snapshot) = ReportData.School();
        var totals = new AttendanceTotals(present, 0, absent, 0, 0);
        var pupil = snapshot.Pupils[0] with { YearAttendance = totals, TermAttendance = totals };

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil });

        var fact = document.Blocks.OfType<KeyFacts>().Single().Facts.Single(f => f.Label == "Attendance this year");
        Assert.Equal((shown, tone), (fact.Value, fact.Tone));
        var paragraph = document.Blocks.OfType<Paragraph>().Single(p => p.Value.Contains("attendance this year is", StringComparison.Ordinal)).Value;
        Assert.Contains(shown, paragraph);
        Assert.Contains("at least 95%", paragraph);
        Assert.Equal(persistent, paragraph.Contains("persistent absence", StringComparison.Ordinal));
    }
}
