using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Attendance;

public class CohortSummaryTests
{
    [Fact]
    public void Of_Pupils_SumsSessionsBeforeDividing()
    {
        // 9/10 and 100/100: the mean of rates would be 95%; DfE sums first: 109/110.
        var summary = CohortSummary.Of("Year 7", [Totals(possible: 10, absent: 1), Totals(possible: 100, absent: 0)]);

        Assert.Equal(109m * 100 / 110, summary.AttendanceRate);
        Assert.Equal(2, summary.Pupils);
        Assert.Equal(1, summary.PersistentAbsentees);
        Assert.Equal(50m, summary.PersistentAbsenceRate);
    }

    [Fact]
    public void Of_PupilWithNoPossibleSessions_IsExcludedFromEveryCount()
    {
        var summary = CohortSummary.Of("all", [Totals(380, 190), AttendanceTotals.Zero, Totals(380, 0)]);

        Assert.Equal((2, 1), (summary.Pupils, summary.ExcludedNoPossible));
        Assert.Equal((1, 1), (summary.PersistentAbsentees, summary.SevereAbsentees));
        Assert.Equal(50m, summary.SevereAbsenceRate);
        Assert.Equal(1, summary.Bands[AttendanceBand.Severe]);
        Assert.Equal(1, summary.Bands[AttendanceBand.Excellent]);
        Assert.Equal(2, summary.Bands.Values.Sum());
    }

    [Fact]
    public void Of_NoPupils_HasNoRates()
    {
        var summary = CohortSummary.Of("empty", []);

        Assert.Null(summary.AttendanceRate);
        Assert.Null(summary.PersistentAbsenceRate);
    }

    [Theory]
    [InlineData(CohortDimension.YearGroup, new[] { "Year 7", "Year 8" })]
    [InlineData(CohortDimension.Sen, new[] { "No SEN", "SEN support (K)", "EHC plan (E)" })]
    [InlineData(CohortDimension.FreeSchoolMeals, new[] { "FSM", "Not FSM" })]
    [InlineData(CohortDimension.RegistrationGroup, new[] { "7A", "7B", "8A" })]
    [InlineData(CohortDimension.LookedAfter, new[] { "Not Looked after" })]
    public void By_Dimension_GroupsInStableOrder(CohortDimension dimension, string[] expected)
    {
        var pupils = new[]
        {
            (Pupil("a", 7, "7B", SenStatus.None, fsm: true), Totals(380, 0)),
            (Pupil("b", 8, "8A", SenStatus.Ehcp, fsm: false), Totals(380, 40)),
            (Pupil("c", 7, "7A", SenStatus.Support, fsm: false), Totals(380, 10)),
        };

        Assert.Equal(expected, CohortBreakdown.By(pupils, dimension).Select(s => s.Name));
    }

    private static AttendanceTotals Totals(int possible, int absent) => new(possible - absent, 0, absent, 0, 0);

    private static Pupil Pupil(string id, int year, string reg, SenStatus sen, bool fsm) => new()
    {
        Id = id, Upn = "", LegalForename = "", LegalSurname = "", YearGroup = year, RegistrationGroup = reg, Sen = sen, FreeSchoolMeals = fsm,
    };
}
