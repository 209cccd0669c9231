using ProgressFunctions.Core.Progress;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Progress;

public class FlightPathTests
{
    // Baseline 3 on 1 Sep 2025, target 5 on 31 Aug 2026 (Year 10 to the following summer: 364 days).
    private static readonly FlightPath s_path = new(3m, 5m, D(2025, 9, 1), D(2026, 8, 31));

    [Fact]
    public void ExpectedAt_CourseStart_IsTheBaseline() => Assert.Equal(3m, s_path.ExpectedAt(D(2025, 9, 1)));

    [Fact]
    public void ExpectedAt_Midpoint_IsHalfwayBetweenBaselineAndTarget() => Assert.Equal(4m, s_path.ExpectedAt(D(2026, 3, 2)));   // day 182 of 364

    [Fact]
    public void ExpectedAt_CourseEnd_IsTheTarget() => Assert.Equal(5m, s_path.ExpectedAt(D(2026, 8, 31)));

    [Fact]
    public void ExpectedAt_AfterCourseEnd_StaysAtTheTarget() => Assert.Equal(5m, s_path.ExpectedAt(D(2027, 1, 1)));

    [Fact]
    public void ExpectedAt_BeforeCourseStart_StaysAtTheBaseline() => Assert.Equal(3m, s_path.ExpectedAt(D(2025, 6, 1)));

    [Fact]
    public void ExpectedAt_QuarterOfTheWay_IsExact() => Assert.Equal(3.5m, s_path.ExpectedAt(D(2025, 12, 1)));   // day 91 of 364

    [Fact]
    public void ExpectedAt_OneDayCourse_IsTheTargetOnThatDay() =>
        Assert.Equal(5m, new FlightPath(3m, 5m, D(2026, 5, 1), D(2026, 5, 1)).ExpectedAt(D(2026, 5, 1)));

    [Fact]
    public void For_NoCourseDatesOrBaseline_IsFlatAtTheTargetOverTheAcademicYear()
    {
        var path = FlightPath.For(Target("p1", "Maths", "6"), 6m, null, D(2025, 11, 3));
        Assert.Equal(new FlightPath(6m, 6m, D(2025, 8, 1), D(2026, 7, 31)), path);
    }
}
