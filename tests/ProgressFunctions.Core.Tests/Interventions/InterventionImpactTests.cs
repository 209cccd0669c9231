using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Interventions;

public class InterventionImpactTests
{
    private static readonly DateOnly s_asOf = D("2025-12-05");
    private static readonly Target s_maths = Target("p1", "Maths", "5", "3", D("2025-09-01"), D("2026-08-31"));

    private static Intervention Reading(string start, string? end = null) =>
        new() { PupilId = "p1", Type = "Reading catch-up", Start = D(start), End = end is null ? null : D(end), StaffId = "S004", NotesId = "N-1" };

    /// <summary>Present all autumn, absent (O) on 13-14 Oct and on 5 Nov.</summary>
    private static PupilRegister Register() => new RegisterBuilder(Year2025, "p1")
        .Present(D("2025-09-03"), s_asOf).Day(D("2025-10-13"), "O").Day(D("2025-10-14"), "O").Day(D("2025-11-05"), "O").Build();

    private static InterventionOutcome Of(Intervention intervention, ProgressFunctions.Core.Schools.Pupil? pupil = null, IReadOnlyList<AssessmentResult>? results = null) =>
        InterventionImpact.Of(intervention, pupil ?? Pupil("p1"), Register(), Year2025, s_asOf, [s_maths], results ?? [], GradeScaleSet.Standard);

    /// <remarks>3-14 Nov is 10 school days; the 10 before it are 13-24 Oct (half term 27-31 Oct is not school days).</remarks>
    [Fact]
    public void Of_ClosedIntervention_EqualWindowsBeforeAndFromTheStart()
    {
        var outcome = Of(Reading("2025-11-03", "2025-11-14"));

        Assert.Equal(10, outcome.WindowSchoolDays);
        Assert.Equal((16, 20), (outcome.Before.Attended, outcome.Before.Possible));
        Assert.Equal((18, 20), (outcome.During.Attended, outcome.During.Possible));
        Assert.Equal(10m, outcome.AttendanceChange);
        Assert.True(outcome.AttendanceImproved);
        Assert.False(outcome.Open);
        Assert.Equal(("S004", "N-1"), (outcome.StaffId, outcome.NotesId));
    }

    [Fact]
    public void Of_OpenInterventionEarlyInTheYear_WindowIsTheSchoolDaysBeforeIt()
    {
        // 3-12 Sep holds 8 school days before the start (1-2 Sep are INSET days).
        var outcome = Of(Reading("2025-09-15"));

        Assert.Equal(8, outcome.WindowSchoolDays);
        Assert.Equal((16, 16), (outcome.Before.Attended, outcome.During.Possible));
        Assert.True(outcome.Open);
    }

    [Fact]
    public void Of_PupilAdmittedTwoDaysBeforeTheStart_TwoDayWindows()
    {
        var outcome = Of(Reading("2025-11-03", "2025-11-14"), Pupil("p1") with { AdmissionDate = D("2025-10-23") });

        Assert.Equal(2, outcome.WindowSchoolDays);
        Assert.Equal((4, 4), (outcome.Before.Possible, outcome.During.Possible));
    }

    /// <remarks>The flight path runs from 3 on 1 Sep to 5 on 31 Aug (364 days): a 3 on 1 Oct is 60/364 below it, a 4 on 10 Nov is 1 - 140/364 above.</remarks>
    [Fact]
    public void Of_ResultsBeforeAndInTheWindow_ProgressIsTheDistanceFromTheFlightPath()
    {
        var outcome = Of(Reading("2025-11-03", "2025-11-14"), results: [Result("p1", "Maths", "DD1", D("2025-10-01"), "3"), Result("p1", "Maths", "DD2", D("2025-11-10"), "4")]);

        Assert.Equal(3m - (3m + (2m * 30 / 364)), outcome.ProgressBefore);
        Assert.Equal(4m - (3m + (2m * 70 / 364)), outcome.ProgressDuring);
        Assert.True(outcome.ProgressImproved);
    }

    [Fact]
    public void Of_NoResultInTheWindow_ProgressNotMeasured()
    {
        var outcome = Of(Reading("2025-11-03", "2025-11-14"), results: [Result("p1", "Maths", "DD1", D("2025-10-01"), "3"), Result("p1", "Maths", "DD2", D("2025-11-20"), "4")]);

        Assert.Null(outcome.ProgressChange);
        Assert.False(outcome.ProgressImproved);
    }

    [Fact]
    public void For_InterventionStartingAfterTheSnapshot_LeftOut()
    {
        Assert.Null(InterventionImpact.For(Pupil("p1"), [Reading("2025-12-08")], Register(), Year2025, s_asOf, [s_maths], [], GradeScaleSet.Standard));
    }

    [Fact]
    public void TypeSummary_SumsSessionsAndCountsImproved()
    {
        var better = Of(Reading("2025-11-03", "2025-11-14"));
        var worse = better with { Before = new AttendanceTotals(20, 0, 0, 0, 0), During = new AttendanceTotals(15, 0, 5, 0, 0) };
        var unmeasured = better with { WindowSchoolDays = 0 };

        var summary = Assert.Single(InterventionTypeSummary.Of([("p1", better), ("p2", worse), ("p3", unmeasured)]));

        Assert.Equal((3, 3, 2, 1), (summary.Interventions, summary.Pupils, summary.AttendanceMeasured, summary.AttendanceImproved));
        Assert.Equal(Percentages.Of(36, 40), summary.Before.AttendanceRate);
        Assert.Equal(Percentages.Of(33, 40), summary.During.AttendanceRate);
    }
}
