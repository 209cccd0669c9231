using System.Collections.Concurrent;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Loads of things that never change once made (a snapshot, a rendered report), shared by concurrent sends.</summary>
/// <remarks>
/// At most <paramref name="capacity"/> entries, the oldest dropped first. A load that fails or is cancelled is forgotten
/// at once, so the next send loads afresh instead of meeting the same failure. Only immutable values belong here: a
/// school's mutable data is read fresh by every send.
/// </remarks>
internal sealed class LoadCache<T>(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The value loaded once under (<paramref name="school"/>, <paramref name="key"/>).</summary>
    /// <remarks>The school is part of every key: one cache serves a whole trust, and schools' ids (pupils, snapshots) may coincide.</remarks>
    public async Task<T> GetAsync(string school, string key, Func<Task<T>> load)
    {
        key = $"{school}/{key}";
        var added = false;
        var entry = _entries.GetOrAdd(key, k =>
        {
            added = true;
            _order.Enqueue(k);
            return new Lazy<Task<T>>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        });
        if (added)
        {
            // Only an add can take the cache past its capacity; counting a concurrent dictionary takes all its locks,
            // which every send met on every lookup.
            Trim();
        }

        try
        {
            return await entry.Value;
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    private void Trim()
    {
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }
}
