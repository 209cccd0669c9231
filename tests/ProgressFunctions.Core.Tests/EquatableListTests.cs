using System.Text.Json;

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

    [Theory]
    [InlineData("""{"Name":"a","Items":[]}""")]
    [InlineData("""{"Name":"a","Items":[1,2,3]}""")]
    public void Json_RoundTrip_SameTextAndEqualValue(string json)
    {
        var read = JsonSerializer.Deserialize<Holder>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(read));
        Assert.Equal(read, JsonSerializer.Deserialize<Holder>(JsonSerializer.Serialize(read)));
    }

    [Fact]
    public void Json_ListsOfLists_WrittenAsNestedArrays()
    {
        EquatableList<EquatableList<int>> nested = [[1], [], [2, 3]];
        var json = JsonSerializer.Serialize(nested);
        Assert.Equal("[[1],[],[2,3]]", json);
        Assert.Equal(nested, JsonSerializer.Deserialize<EquatableList<EquatableList<int>>>(json));
    }
}
