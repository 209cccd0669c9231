using System.Text.Json;
using System.Text.Json.Serialization;
using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProgressFunctions.Core;

/// <summary>An immutable list that compares by its items, so records holding one keep value equality.</summary>
/// <remarks>
/// Records compare their members with <c>Equals</c>, and a plain list or array compares by reference; a snapshot made
/// twice from the same inputs would then never be equal to itself. Two lists are equal when they hold equal items in
/// the same order. Build one with a collection expression: <c>EquatableList&lt;int&gt; xs = [1, 2];</c>.
/// </remarks>
[CollectionBuilder(typeof(EquatableList), nameof(EquatableList.Create))]
[JsonConverter(typeof(EquatableListJsonConverterFactory))]
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly ImmutableArray<T> _items;

    internal EquatableList(ImmutableArray<T> items) => _items = items;

    internal ImmutableArray<T> Items => _items;

    public static EquatableList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public bool Equals(EquatableList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => Equals(obj as EquatableList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

public static class EquatableList
{
    public static EquatableList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? EquatableList<T>.Empty : new([.. items]);

    public static EquatableList<T> ToEquatableList<T>(this IEnumerable<T> items) => new([.. items]);

    /// <summary>A list over <paramref name="items"/> without copying them: the caller must never change the array again.</summary>
    internal static EquatableList<T> Own<T>(T[] items) => items.Length == 0 ? EquatableList<T>.Empty : new(ImmutableCollectionsMarshal.AsImmutableArray(items));

    /// <summary>The list's own array, not a copy: the caller must never change it.</summary>
    internal static T[] Items<T>(EquatableList<T> list) => ImmutableCollectionsMarshal.AsArray(list.Items) ?? [];
}

/// <summary>Stores an <see cref="EquatableList{T}"/> as a plain JSON array.</summary>
public sealed class EquatableListJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableList<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<EquatableList<T>>
    {
        // The array just read belongs to no one else, and the list's own array is written as it is: stored snapshots
        // hold thousands of these lists, and a copy of each on every read and write was a large part of their cost.
        public override EquatableList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EquatableList.Own(JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, EquatableList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, EquatableList.Items(value), options);
    }
}
