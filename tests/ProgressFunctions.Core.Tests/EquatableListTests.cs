namespace ProgressFunctions.Core.Tests;

public class EquatableListTests
{
    private sealed record Holder(string Name, EquatableList<int> Items);

    [Fact]
    public void Equals_RecordsHoldingListsWithEqualItems_AreEqual()
    {
        Assert.Equal(new Holder("a", [1, 2, 3]), new Holder("a", [1, 2, 3]));
        Assert.Equal(new Holder("a", [1, 2, 3]).GetHashCode(), new Holder("a", [1, 2, 3]).GetHashCode());
    }

    [Fact]
    public void Equals_SameItemsInAnotherOrder_AreNotEqual() => Assert.NotEqual(new Holder("a", [1, 2]), new Holder("a", [2, 1]));

    [Fact]
    public void Equals_EmptyLists_AreEqual() => Assert.Equal(new Holder("a", []), new Holder("a", new int[0].ToEquatableList()));
}
