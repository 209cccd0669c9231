namespace ProgressFunctions.Core.Ports;

/// <summary>A validated blob path: <c>container/name/with/segments</c>.</summary>
/// <remarks>
/// The first segment is the container (Azure's rules: 3 to 63 lowercase letters, digits and single hyphens), the
/// rest is the blob name. Refused everywhere, so that no adapter can be led outside its root: empty input, absolute
/// paths (<c>/x</c>, <c>C:</c>), backslashes, empty segments (<c>a//b</c>), <c>.</c> and <c>..</c> segments, and
/// control characters.
/// </remarks>
public readonly record struct BlobPath
{
    private BlobPath(string container, string name)
    {
        Container = container;
        Name = name;
    }

    public string Container { get; }

    /// <summary>The blob name within the container, segments separated by <c>/</c>.</summary>
    public string Name { get; }

    public string Value => Container + "/" + Name;

    public static BlobPath Parse(string path)
    {
        string container = ValidateContainerPart(path, out string rest);
        if (rest.Length == 0)
        {
            throw new ArgumentException($"Blob path '{path}' has no blob name after the container.", nameof(path));
        }

        ValidateSegments(path, rest, allowTrailingSlash: false);
        return new BlobPath(container, rest);
    }

    public static bool TryParse(string path, out BlobPath result)
    {
        try
        {
            result = Parse(path);
            return true;
        }
        catch (ArgumentException)
        {
            result = default;
            return false;
        }
    }

    /// <summary>Validates a listing prefix: a container, optionally followed by the start of a name
    /// (<c>mis-exports/</c>, <c>mis-exports/school-1/</c>, <c>mis-exports/school-1/2024</c>).</summary>
    public static (string Container, string NamePrefix) ParsePrefix(string prefix)
    {
        string container = ValidateContainerPart(prefix, out string rest);
        if (rest.Length > 0)
        {
            ValidateSegments(prefix, rest, allowTrailingSlash: true);
        }

        return (container, rest);
    }

    public override string ToString() => Value;

    private static string ValidateContainerPart(string path, out string rest)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] == '/' || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob path '{path}' must be relative, use '/' and have no ':'.", nameof(path));
        }

        int slash = path.IndexOf('/', StringComparison.Ordinal);
        string container = slash < 0 ? path : path[..slash];
        rest = slash < 0 ? "" : path[(slash + 1)..];
        if (!IsContainerName(container))
        {
            throw new ArgumentException(
                $"Blob container '{container}' must be 3 to 63 lowercase letters, digits and single hyphens.", nameof(path));
        }

        return container;
    }

    private static void ValidateSegments(string path, string name, bool allowTrailingSlash)
    {
        if (name.Length > 1024)
        {
            throw new ArgumentException($"Blob path '{path}' is longer than 1024 characters.", nameof(path));
        }

        string[] segments = name.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool trailing = i == segments.Length - 1 && allowTrailingSlash;
            if ((segment.Length == 0 && !trailing) || segment is "." or "..")
            {
                throw new ArgumentException($"Blob path '{path}' has an empty, '.' or '..' segment.", nameof(path));
            }

            if (segment.Any(char.IsControl))
            {
                throw new ArgumentException($"Blob path '{path}' contains a control character.", nameof(path));
            }
        }
    }

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);
}
