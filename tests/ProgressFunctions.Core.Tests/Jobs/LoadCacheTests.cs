using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Core.Tests.Jobs;

public class LoadCacheTests
{
    [Fact]
    public async Task GetAsync_SameKeyTwice_LoadsOnce()
    {
        var cache = new LoadCache<string>(4);
        var loads = 0;

        var first = await cache.GetAsync("S1", "k", () => Task.FromResult($"v{++loads}"));
        var second = await cache.GetAsync("S1", "k", () => Task.FromResult($"v{++loads}"));

        Assert.Equal(("v1", "v1", 1), (first, second, loads));
    }

    [Fact]
    public async Task GetAsync_SameKeyOtherSchool_LoadedApart()
    {
        var cache = new LoadCache<string>(4);

        var one = await cache.GetAsync("S1", "k", () => Task.FromResult("one"));
        var two = await cache.GetAsync("S2", "k", () => Task.FromResult("two"));

        Assert.Equal(("one", "two"), (one, two));
    }

    [Fact]
    public async Task GetAsync_PastCapacity_OldestDroppedAndLoadedAgain()
    {
        var cache = new LoadCache<int>(2);
        var loads = new List<string>();
        Task<int> Load(string key)
        {
            loads.Add(key);
            return Task.FromResult(loads.Count);
        }

        foreach (var key in new[] { "a", "b", "a", "c", "b", "a" })
        {
            await cache.GetAsync("S1", key, () => Load(key));
        }

        // "a" and "b" fill it, "a" is found; "c" drops "a" (the oldest added), "b" is found, "a" is loaded again.
        Assert.Equal(["a", "b", "c", "a"], loads);
    }

    [Fact]
    public async Task GetAsync_LoadFails_ForgottenAndLoadedAgain()
    {
        var cache = new LoadCache<string>(4);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("S1", "k", () => Task.FromException<string>(new InvalidOperationException("store down"))));
        var value = await cache.GetAsync("S1", "k", () => Task.FromResult("loaded"));

        Assert.Equal("loaded", value);
    }
}
