using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Tests.Attendance;

public class AttendanceTotalsTests
{
    [Theory]
    [InlineData(380, 38, true, false)]    // exactly 10%: persistent absence (DESIGN.md worked example)
    [InlineData(380, 37, false, false)]   // 9.74%: not PA
    [InlineData(380, 190, true, true)]    // exactly 50%: severe
    [InlineData(380, 189, true, false)]
    [InlineData(100, 10, true, false)]    // a mid-year joiner is measured on their own possible sessions
    [InlineData(3, 1, true, false)]       // 33%: no rounding can hide it
    [InlineData(1, 0, false, false)]
    public void IsPersistentAbsence_ExactFraction_MatchesDfeRule(int possible, int absent, bool persistent, bool severe)
    {
        var totals = new AttendanceTotals(possible - absent, 0, absent, 0, 0);

        Assert.Equal(persistent, totals.IsPersistentAbsence);
        Assert.Equal(severe, totals.IsSevereAbsence);
    }

    [Fact]
    public void Rates_MixedCategories_FollowDfeFormulas()
    {
        var totals = new AttendanceTotals(Present: 300, ApprovedActivity: 20, Authorised: 40, Unauthorised: 20, Late: 7);

        Assert.Equal(380, totals.Possible);
        Assert.Equal(320m * 100 / 380, totals.AttendanceRate);
        Assert.Equal(60m * 100 / 380, totals.OverallAbsenceRate);
        Assert.Equal(40m * 100 / 380, totals.AuthorisedAbsenceRate);
        Assert.Equal(20m * 100 / 380, totals.UnauthorisedAbsenceRate);
        Assert.Equal(100m, totals.AttendanceRate + totals.OverallAbsenceRate);
    }

    [Fact]
    public void Rates_ZeroPossibleSessions_HaveNoRate()
    {
        var totals = AttendanceTotals.Zero;

        Assert.Null(totals.AttendanceRate);
        Assert.Null(totals.OverallAbsenceRate);
        Assert.Null(totals.AuthorisedAbsenceRate);
        Assert.Null(totals.UnauthorisedAbsenceRate);
        Assert.Null(totals.Band);
        Assert.False(totals.IsPersistentAbsence);
        Assert.False(totals.IsSevereAbsence);
    }

    [Fact]
    public void Add_EveryCategory_CountsOnlyPossibleSessionsAndLateness()
    {
        var totals = new[] { "/", "L", "V", "I", "N", "U", "D", "#", "Y4" }
            .Select(AttendanceCode.Parse)
            .Aggregate(AttendanceTotals.Zero, (t, c) => t.Add(c));

        Assert.Equal(new AttendanceTotals(Present: 2, ApprovedActivity: 1, Authorised: 1, Unauthorised: 2, Late: 2), totals);
        Assert.Equal(6, totals.Possible);
    }

    [Fact]
    public void Plus_TwoTotals_AddFieldByField()
    {
        var a = new AttendanceTotals(1, 2, 3, 4, 5);
        var b = new AttendanceTotals(10, 20, 30, 40, 50);

        Assert.Equal(new AttendanceTotals(11, 22, 33, 44, 55), a + b);
        Assert.Equal(a + b, AttendanceTotals.Sum([a, b]));
    }
}
