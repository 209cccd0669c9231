using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class ParentAttendanceTextTests
{
    [Theory]
    // present, absent (authorised) of the year -> tone of the "this year" key fact, PA or severe absence explained
    [InlineData(98, 2, "98.0%", Tone.Good, false, false)]
    [InlineData(96, 4, "96.0%", Tone.Normal, false, false)]
    [InlineData(93, 7, "93.0%", Tone.Caution, false, false)]
    [InlineData(90, 10, "90.0%", Tone.Concern, true, false)]
    [InlineData(51, 49, "51.0%", Tone.Concern, true, false)]
    [InlineData(50, 50, "50.0%", Tone.Concern, false, true)]
    [InlineData(40, 60, "40.0%", Tone.Concern, false, true)]
    [InlineData(12, 88, "12.0%", Tone.Concern, false, true)]
    public void Build_YearAttendance_ToneAndPersistentOrSevereAbsenceExplained(int present, int absent, string shown, Tone tone, bool persistent, bool severe)
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
        Assert.Equal(severe, paragraph.Contains("this is called severe absence", StringComparison.Ordinal));
        Assert.Equal(severe, paragraph.Contains("missed at least half of the school sessions this year", StringComparison.Ordinal));
    }

    [Theory]
    // present, absent of the year; of the term -> how the paragraph judges them, after its opening sentences
    [InlineData(98, 2, 49, 1, " Sam's attendance is excellent. Thank you for your support.")]
    [InlineData(98, 2, 48, 2, " Sam's attendance is excellent. Thank you for your support.")]
    [InlineData(96, 4, 96, 4, " Sam's attendance is in line with what we expect. Thank you for your support.")]
    [InlineData(98, 2, 47, 3, " Over the year Sam's attendance is excellent, but this term it is below 95%. If anything is making it hard to get to school, please let us know so that we can help.")]
    [InlineData(96, 4, 78, 10, " Over the year Sam's attendance is in line with what we expect, but this term Sam has missed 10% or more of the sessions: over a whole year, that level is called persistent absence. If anything is making it hard to get to school, please let us know so that we can help.")]
    [InlineData(93, 7, 73, 15, " Over the year Sam's attendance is a little below 95%, but this term Sam has missed 10% or more of the sessions: over a whole year, that level is called persistent absence. If anything is making it hard to get to school, please let us know so that we can help.")]
    [InlineData(91, 9, 40, 45, " Over the year Sam's attendance is below 95% and close to 90%, but this term Sam has missed half or more of the sessions. If anything is making it hard to get to school, please let us know so that we can help.")]
    [InlineData(93, 7, 47, 3, " Attendance is a little below 95%. If anything is making it hard to get to school, please let us know so that we can help.")]
    [InlineData(92, 8, 46, 4, " Attendance is a little below 95%.")]
    [InlineData(902, 98, 451, 49, " Sam's attendance is below 95% and close to 90%: a pupil who misses 10% or more of sessions, for whatever reason including illness, is counted as persistently absent.")]
    [InlineData(85, 15, 20, 30, " When a pupil misses 10% or more of sessions")]
    [InlineData(98, 2, 0, 0, " Sam's attendance is excellent. Thank you for your support.")]
    public void Explain_TermInALowerBandThanTheYear_SaysSo(int yearPresent, int yearAbsent, int termPresent, int termAbsent, string expected) =>
        Assert.StartsWith(expected, Judged(Explain(yearPresent, yearAbsent, termPresent, termAbsent, reception: false)), StringComparison.Ordinal);

    [Theory]
    // present, absent of the year; of the term -> a Reception child's paragraph, after its opening sentences
    [InlineData(98, 2, 49, 1, " Sam's attendance is excellent. Thank you for your support.")]
    [InlineData(93, 7, 47, 3, " Attendance this year is below 95%. Coming to school regularly in Reception helps children settle, learn and make friends, and makes the start of Year 1 easier. If anything")]
    [InlineData(85, 15, 42, 8, " Sam has missed 10% or more of the sessions this year. Coming to school regularly in Reception")]
    [InlineData(96, 4, 38, 10, " Sam has missed 10% or more of the sessions this term.")]
    [InlineData(40, 60, 20, 30, " Sam has missed half or more of the sessions this year. Coming to school regularly in Reception helps children settle, learn and make friends, and makes the start of Year 1 easier. We know there are often good reasons")]
    public void Explain_ReceptionChild_SaysWhatWasMissedWithoutThePersistentAbsenceLabel(int yearPresent, int yearAbsent, int termPresent, int termAbsent, string expected)
    {
        var paragraph = Explain(yearPresent, yearAbsent, termPresent, termAbsent, reception: true);

        Assert.StartsWith(expected, Judged(paragraph), StringComparison.Ordinal);
        Assert.DoesNotContain("persistent", paragraph, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("severe", paragraph, StringComparison.OrdinalIgnoreCase);
    }

    private static string Explain(int yearPresent, int yearAbsent, int termPresent, int termAbsent, bool reception) =>
        ParentAttendanceText.Explain("Sam", new AttendanceTotals(yearPresent, 0, yearAbsent, 0, 0), new AttendanceTotals(termPresent, 0, termAbsent, 0, 0), reception);

    /// <summary>What the paragraph says after its opening sentences (the figures and the 95% aim).</summary>
    private static string Judged(string paragraph) => paragraph[(paragraph.IndexOf("friendships.", StringComparison.Ordinal) + "friendships.".Length)..];

    [Theory]
    // late sessions this year, of them this term -> what the paragraph says (the report's tile shows the term's)
    [InlineData(0, 0, null)]
    [InlineData(1, 0, " Sam has arrived late once this year, before this term.")]
    [InlineData(1, 1, " Sam has arrived late once this year, during this term.")]
    [InlineData(20, 3, " Sam has arrived late for 20 sessions this year, 3 of them this term.")]
    [InlineData(20, 1, " Sam has arrived late for 20 sessions this year, 1 of them this term.")]
    [InlineData(4, 0, " Sam has arrived late for 4 sessions this year, none of them this term.")]
    [InlineData(5, 5, " Sam has arrived late for 5 sessions this year, all of them this term.")]
    [InlineData(1200, 30, " Sam has arrived late for 1,200 sessions this year, 30 of them this term.")]
    public void Explain_LateThisYearAndTerm_NamesBothPeriods(int yearLate, int termLate, string? expected)
    {
        var year = new AttendanceTotals(2000, 0, 10, 0, yearLate);
        var term = new AttendanceTotals(500, 0, 2, 0, termLate);

        var paragraph = ParentAttendanceText.Explain("Sam", year, term);

        if (expected is null)
        {
            Assert.DoesNotContain("late", paragraph, StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith(expected, paragraph, StringComparison.Ordinal);
        }
    }
}
