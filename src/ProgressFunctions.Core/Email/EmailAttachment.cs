namespace ProgressFunctions.Core.Email;

/// <summary>A file attached to a message, such as a rendered PDF report.</summary>
/// <remarks>
/// The bytes are copied on creation, so later changes to the caller's array cannot alter a message already built;
/// <see cref="Shared"/> takes an array its owner never changes (a rendered report, kept for every recipient of it) as
/// it is, without the copy. Equality compares the file name, the content type and the bytes.
/// </remarks>
public sealed record EmailAttachment
{
    private readonly byte[] _content;

    public EmailAttachment(string fileName, string contentType, ReadOnlySpan<byte> content)
        : this(fileName, contentType, owned: content.ToArray())
    {
    }

    private EmailAttachment(string fileName, string contentType, byte[] owned)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            throw new ArgumentException("An attachment needs a file name without path separators or control characters.", nameof(fileName));
        }
        if (string.IsNullOrWhiteSpace(contentType) || !contentType.Contains('/', StringComparison.Ordinal) || contentType.Any(c => c <= ' ' || c > '~'))
        {
            throw new ArgumentException($"'{contentType}' is not a MIME type such as application/pdf.", nameof(contentType));
        }
        FileName = fileName.Trim();
        ContentType = contentType.ToLowerInvariant();
        _content = owned;
    }

    public string FileName { get; }

    public string ContentType { get; }

    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>The size once base64-encoded (without line breaks), which is what counts towards provider limits.</summary>
    public long Base64Length => 4L * ((_content.LongLength + 2) / 3);

    public static EmailAttachment Pdf(string fileName, ReadOnlySpan<byte> content) => new(fileName, "application/pdf", content);

    /// <summary>An attachment that reads <paramref name="content"/> where it is: its owner must never change the array.</summary>
    public static EmailAttachment Shared(string fileName, string contentType, byte[] content) =>
        new(fileName, contentType, owned: content ?? throw new ArgumentNullException(nameof(content)));

    public bool Equals(EmailAttachment? other) =>
        other is not null && FileName == other.FileName && ContentType == other.ContentType && _content.AsSpan().SequenceEqual(other._content);

    public override int GetHashCode() => HashCode.Combine(FileName, ContentType, _content.Length);
}
