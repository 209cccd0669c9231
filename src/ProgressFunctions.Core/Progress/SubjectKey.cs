using System.Text;

namespace ProgressFunctions.Core.Progress;

/// <summary>The one rule for matching a pupil's subject across targets, results and snapshots.</summary>
/// <remarks>
/// Pupil ids match exactly; subject names match when, trimmed, their upper-case invariant forms are equal ("maths "
/// is "Maths"). This is not quite <see cref="StringComparison.OrdinalIgnoreCase"/>, which differs for a few
/// characters outside ASCII (long s is "S" in upper case, yet not equal to it ignoring case); the key keeps the
/// upper-case rule snapshots have always been built with. It holds the names as given and compares on demand, so
/// making a key for every result and target allocates nothing.
/// </remarks>
internal readonly struct SubjectKey(string pupilId, string subject) : IEquatable<SubjectKey>
{
    // Subject names longer than this are upper-cased on the heap to be hashed; none that long is expected.
    private const int StackLimit = 128;

    public string PupilId { get; } = pupilId;

    public string Subject { get; } = subject;

    public static SubjectKey Of(string pupilId, string subject) => new(pupilId, subject);

    public bool Equals(SubjectKey other) => string.Equals(PupilId, other.PupilId, StringComparison.Ordinal) && SameSubject(Subject, other.Subject);

    public override bool Equals(object? obj) => obj is SubjectKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(string.GetHashCode(PupilId, StringComparison.Ordinal), SubjectHash(Subject));

    public static bool operator ==(SubjectKey left, SubjectKey right) => left.Equals(right);

    public static bool operator !=(SubjectKey left, SubjectKey right) => !left.Equals(right);

    /// <summary>Whether two subject names are the same subject under the key's rule.</summary>
    public static bool SameSubject(string a, string b)
    {
        var x = a.AsSpan().Trim();
        var y = b.AsSpan().Trim();
        // In ASCII, upper-casing maps only a-z, so comparing ignoring ASCII case is the same rule without copying.
        return Ascii.IsValid(x) && Ascii.IsValid(y)
            ? Ascii.EqualsIgnoreCase(x, y)
            : string.Equals(x.ToString().ToUpperInvariant(), y.ToString().ToUpperInvariant(), StringComparison.Ordinal);
    }

    /// <summary>The hash of the trimmed name's upper-case form, so that names the rule calls the same hash alike.</summary>
    private static int SubjectHash(string subject)
    {
        var name = subject.AsSpan().Trim();
        if (!Ascii.IsValid(name) || name.Length > StackLimit)
        {
            return string.GetHashCode(name.ToString().ToUpperInvariant(), StringComparison.Ordinal);
        }

        Span<char> upper = stackalloc char[name.Length];
        Ascii.ToUpper(name, upper, out _);
        return string.GetHashCode(upper, StringComparison.Ordinal);
    }
}
