using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Tests.Attendance;

public class AttendanceBandTests
{
    [Theory]
    [InlineData(100, 100, AttendanceBand.Excellent)]
    [InlineData(97, 100, AttendanceBand.Excellent)]   // 97% exactly: top band
    [InlineData(9699, 10000, AttendanceBand.Expected)]
    [InlineData(95, 100, AttendanceBand.Expected)]
    [InlineData(9499, 10000, AttendanceBand.AtRisk)]
    [InlineData(9001, 10000, AttendanceBand.AtRisk)]
    [InlineData(90, 100, AttendanceBand.Persistent)]  // 90% attendance is 10% absence: PA
    [InlineData(342, 380, AttendanceBand.Persistent)]
    [InlineData(51, 100, AttendanceBand.Persistent)]
    [InlineData(50, 100, AttendanceBand.Severe)]      // 50% attendance is 50% absence: severe
    [InlineData(0, 100, AttendanceBand.Severe)]
    public void Of_BoundaryRates_FallInTheBandThatAgreesWithPaRules(int attended, int possible, AttendanceBand expected)
    {
        Assert.Equal(expected, AttendanceBands.Of(attended, possible));

        var totals = new AttendanceTotals(attended, 0, possible - attended, 0, 0);
        Assert.Equal(totals.IsPersistentAbsence, expected is AttendanceBand.Persistent or AttendanceBand.Severe);
        Assert.Equal(totals.IsSevereAbsence, expected is AttendanceBand.Severe);
    }

    [Fact]
    public void Of_NoPossibleSessions_IsNull() => Assert.Null(AttendanceBands.Of(0, 0));

    /// <summary>A rate on an edge belongs to one band, and its label says so: no two labels both hold 95% or 90%.</summary>
    [Theory]
    [InlineData(97, 100, "97% and above")]
    [InlineData(95, 100, "95% to under 97%")]
    [InlineData(9001, 10000, "over 90% to under 95%")]
    [InlineData(90, 100, "over 50% to 90% (persistent absence)")]
    [InlineData(50, 100, "50% and below (severe absence)")]
    public void Label_EdgeRates_NamedOnlyByTheirOwnBand(int attended, int possible, string label) =>
        Assert.Equal(label, AttendanceBands.Of(attended, possible)!.Value.Label());
}
