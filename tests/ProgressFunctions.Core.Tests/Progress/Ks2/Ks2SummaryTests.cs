using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Ks2;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Progress.Ks2;

public class Ks2SummaryTests
{
    // Five pupils, worked by hand:
    //        reading maths GPS writing | RWM expected | RWM higher
    // p1       105    112  110   EXS   |     yes      |   no (reading < 110, writing not GDS)
    // p2       110    110   99   GDS   |     yes      |   yes (110 is the high score, inclusive)
    // p3       100     99  100   EXS   |     no (maths 99)
    // p4        B     104  101   WTS   |     no (no reading score, writing WTS)
    // p5       115    118  120   EXS   |     yes      |   no (writing EXS)
    private static readonly AssessmentResult[] s_results =
    [
        .. Pupil("p1", "105", "112", "110", "EXS"),
        .. Pupil("p2", "110", "110", "99", "GDS"),
        .. Pupil("p3", "100", "99", "100", "EXS"),
        .. Pupil("p4", "B", "104", "101", "WTS"),
        .. Pupil("p5", "115", "118", "120", "EXS"),
    ];

    private static Ks2Summary Summary() =>
        Ks2Summary.Of(new[] { "p1", "p2", "p3", "p4", "p5" }.Select(p => Ks2ResultReader.Read(p, s_results).Results));

    [Fact]
    public void Of_HandWorkedCohort_CountsEachTestAtExpectedAndHighScore()
    {
        var summary = Summary();
        Assert.Equal(5, summary.Pupils);
        Assert.Equal((4, 2), (summary.Reading.Expected, summary.Reading.Higher));
        Assert.Equal((4, 3), (summary.Maths.Expected, summary.Maths.Higher));
        Assert.Equal((4, 2), (summary.Gps.Expected, summary.Gps.Higher));
        Assert.Equal((4, 1), (summary.Writing.Expected, summary.Writing.Higher));
    }

    [Fact]
    public void Of_HandWorkedCohort_RwmCombinedIs60PercentExpectedAnd20PercentHigher()
    {
        var rwm = Summary().ReadingWritingMaths;
        Assert.Equal((3, 1), (rwm.Expected, rwm.Higher));
        Assert.Equal((60m, 20m), (rwm.ExpectedPercentage!.Value, rwm.HigherPercentage!.Value));
    }

    [Fact]
    public void Of_PupilWithNoScaledScore_StaysInTheDenominator() => Assert.Equal(80m, Summary().Reading.ExpectedPercentage);

    [Fact]
    public void Of_EmptyCohort_HasNoPercentages() => Assert.Null(Ks2Summary.Of([]).ReadingWritingMaths.ExpectedPercentage);

    [Fact]
    public void Read_ScoreOffTheScaleAndUnknownWritingGrade_AreIssuesNamingGradeAndScale()
    {
        var (results, issues) = Ks2ResultReader.Read("p9",
        [
            Result("p9", "Reading", "SATs", D(2026, 7, 7), "125", scale: "KS2"),
            Result("p9", "Writing", "TA", D(2026, 6, 20), "EXP", scale: "KS2 TA"),
            Result("p9", "Mathematics", "SATs", D(2026, 7, 7), "A", scale: "KS2"),
        ]);

        Assert.Equal(new Ks2PupilResults("p9", null, null, null, null), results);
        Assert.Equal(
            ["'EXP' is not a grade on the KS2 TA scale (grades: PK1, PK2, PK3, PK4, PK5, PK6, WTS, EXS, GDS)", "'125' is not a grade on the KS2 scale (80 to 120)"],
            issues.Select(i => i.Message));
    }

    [Fact]
    public void Read_TeacherAssessmentAfterTheTest_NeverReplacesTheScaledScore()
    {
        var (results, issues) = Ks2ResultReader.Read("p1",
        [
            Result("p1", "Reading", "SATs", D(2026, 7, 7), "104", scale: "KS2"),
            Result("p1", "Reading", "Summer 2", D(2026, 7, 10), "EXS", scale: "KS2 TA"),
            Result("p1", "Maths", "SATs", D(2026, 7, 7), "99", scale: "KS2"),
            Result("p1", "Maths", "Summer 2", D(2026, 7, 10), "GDS", scale: "KS2 TA"),
            Result("p1", "Writing", "TA", D(2026, 6, 20), "EXS", scale: "KS2 TA"),
        ]);

        Assert.Empty(issues);
        Assert.Equal(new Ks2PupilResults("p1", 104, 99, null, "EXS"), results);
    }

    private static AssessmentResult[] Pupil(string id, string reading, string maths, string gps, string writing) =>
    [
        Result(id, "Reading", "SATs", D(2026, 7, 7), reading, scale: "KS2"),
        Result(id, "Maths", "SATs", D(2026, 7, 7), maths, scale: "KS2"),
        Result(id, "Grammar, punctuation and spelling", "SATs", D(2026, 7, 7), gps, scale: "KS2"),
        Result(id, "Writing", "TA", D(2026, 6, 20), writing, scale: "KS2 TA"),
    ];
}
