using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Reports.PupilGroups;

namespace ProgressFunctions.Core.Tests.Reports.PupilGroups;

public sealed class GroupTablesTests
{
    [Theory]
    // hits of pupils, disadvantaged then others -> the row printed: the gap subtracts the two printed rates
    [InlineData(1, 30, 16, 90, "3.3%", "17.8%", "-14.5")]   // exact -14.44: "-14.4" did not subtract
    [InlineData(11, 30, 20, 90, "36.7%", "22.2%", "+14.5")] // exact +14.44
    [InlineData(3, 10, 1, 20, "30.0%", "5.0%", "+25.0")]
    [InlineData(1, 8, 1, 8, "12.5%", "12.5%", "0.0")]
    public void Gap_RatesThatRoundApart_GapIsTheDifferenceOfThePrintedRates(int hitsA, int pupilsA, int hitsB, int pupilsB, string a, string b, string gap)
    {
        var table = GroupTables.Gap([DisadvantageGap.Proportion("Needs attention for progress", hitsA, pupilsA, hitsB, pupilsB)]);

        Assert.Equal(["Needs attention for progress", a, b, gap], table.Rows.Single().Cells.Take(4));
    }

    [Theory]
    // behaviour points of each disadvantaged and each other pupil -> printed means and gap
    [InlineData(new[] { 1, 1, 2, 1, 1, 1, 2, 1 }, new[] { 1, 0, 0, 0, 0, 0, 0 }, "1.3", "0.1", "+1.2")] // exact 1.25 - 0.14 = +1.11: "+1.1" did not subtract
    [InlineData(new[] { 2, 2, 2, 2, 2 }, new[] { 1, 1, 1, 1, 1 }, "2.0", "1.0", "+1.0")] // one decimal place always, as the gap is printed
    public void Gap_MeansThatRoundApart_GapIsTheDifferenceOfThePrintedMeans(int[] disadvantaged, int[] others, string a, string b, string gap)
    {
        var table = GroupTables.Gap([DisadvantageGap.Mean("Behaviour points per pupil", disadvantaged, others)]);

        Assert.Equal(["Behaviour points per pupil", a, b, gap], table.Rows.Single().Cells.Take(4));
    }

    [Fact]
    public void PrintedGap_UnknownFigure_Null() =>
        Assert.Null(GroupTables.PrintedGap(new GapEstimate("Attendance", null, 90m, 0, 10, null, null, null)));
}
