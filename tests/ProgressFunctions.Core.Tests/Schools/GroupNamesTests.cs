using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Schools;

public sealed class GroupNamesTests
{
    [Theory]
    [InlineData("7Ma2", "7Ma10")]
    [InlineData("7A", "10A")]
    [InlineData("Set 9", "Set 10")]
    [InlineData("7Ma01", "7Ma1")]
    [InlineData("7Ma", "7Ma1")]
    [InlineData("7Ar9", "7Ma1")]
    public void Order_TwoNames_NumbersInsideCompareByValue(string first, string second)
    {
        Assert.True(GroupNames.Order.Compare(first, second) < 0);
        Assert.True(GroupNames.Order.Compare(second, first) > 0);
    }

    [Fact]
    public void InGroupOrder_TeachingGroupsOfTwoYears_ReadInNumberOrderWithNoGroupLast()
    {
        string[] groups = ["7Ma10", "", "10Ma1", "7Ma2", "7Ma1", "7Ma11", "Nurture"];

        var ordered = groups.InGroupOrder(g => g).ToList();

        Assert.Equal(["7Ma1", "7Ma2", "7Ma10", "7Ma11", "10Ma1", "", "Nurture"], ordered);
    }
}
