using System.Diagnostics.CodeAnalysis;

namespace ProgressFunctions.Core.Email;

/// <summary>An e-mail address with an optional display name, validated on creation.</summary>
/// <remarks>
/// The rule is deliberately narrower than RFC 5322, because every address here must be accepted by SendGrid and by
/// ordinary mail clients: an ASCII dot-atom local part of 1-64 characters (letters, digits and
/// <c>!#$%&amp;'*+/=?^_`{|}~-</c>, dots only between other characters), an <c>@</c>, and a domain of two or more
/// dot-separated labels of letters, digits and hyphens (1-63 characters each, no leading or trailing hyphen);
/// at most 254 characters in all. Quoted local parts, IP-literal domains and non-ASCII addresses are refused.
/// This is the only address rule: import, routing and sending all use it, so an address accepted at import is never
/// refused at send. Display names may hold any Unicode; a control character (a tab or line break typed into the MIS)
/// becomes a space, because a name is never a reason not to send. Addresses are personal data: log
/// <see cref="Masked"/>, never <see cref="Address"/>. The domain is lower-cased on creation, so equality ignores its case.
/// </remarks>
public sealed record EmailAddress
{
    private const string LocalSpecials = "!#$%&'*+/=?^_`{|}~-";

    private EmailAddress(string address, string? displayName)
    {
        Address = address;
        DisplayName = displayName;
    }

    public string Address { get; }

    public string? DisplayName { get; }

    /// <summary>The part after the <c>@</c>, lower-cased.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <summary>First character of the local part, then <c>***@domain</c>: safe for logs.</summary>
    public string Masked => $"{Address[0]}***@{Domain}";

    public static EmailAddress Create(string address, string? displayName = null) =>
        TryCreate(address, displayName, out var result, out var error) ? result : throw new ArgumentException(error, nameof(address));

    public static bool TryCreate(string? address, string? displayName, [NotNullWhen(true)] out EmailAddress? result, out string error)
    {
        result = null;
        var trimmed = address?.Trim() ?? "";
        error = Validate(trimmed);
        if (error.Length > 0)
        {
            return false;
        }
        var at = trimmed.LastIndexOf('@');
        var normalised = string.Concat(trimmed.AsSpan(0, at + 1), trimmed[(at + 1)..].ToLowerInvariant());
        var name = string.IsNullOrWhiteSpace(displayName) ? null : Schools.PersonName.Clean(displayName);
        result = new EmailAddress(normalised, name);
        return true;
    }

    /// <summary>Whether <paramref name="address"/> (trimmed) keeps the rule above.</summary>
    public static bool IsValid([NotNullWhen(true)] string? address) => address is not null && Validate(address.Trim()).Length == 0;

    /// <summary>Addresses as the MIS gives them that reach one inbox: the same text, trimmed, in any case.</summary>
    public static IEqualityComparer<string> Inbox { get; } = new InboxComparer();

    /// <summary>Whether two addresses as the MIS gives them reach one inbox (<see cref="Inbox"/>).</summary>
    public static bool SameInbox(string? first, string? second) => first is not null && second is not null && Inbox.Equals(first, second);

    /// <summary>Reads <c>addr@example.org</c> or <c>Display Name &lt;addr@example.org&gt;</c> (as in settings).</summary>
    public static EmailAddress Parse(string text) =>
        TryParse(text, out var result, out var error) ? result : throw new ArgumentException(error, nameof(text));

    /// <summary><see cref="Parse"/>, with the reason instead of an exception when <paramref name="text"/> is not an address.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailAddress? result, out string error)
    {
        text ??= "";
        var open = text.LastIndexOf('<');
        if (open >= 0 && text.TrimEnd().EndsWith('>'))
        {
            var name = text[..open].Trim().Trim('"');
            return TryCreate(text[(open + 1)..text.LastIndexOf('>')], name.Length == 0 ? null : name, out result, out error);
        }
        return TryCreate(text, null, out result, out error);
    }

    /// <summary>The address as a header writes it, <c>Name &lt;address&gt;</c> (read back by <see cref="Parse"/>).</summary>
    public string ToHeader() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";

    /// <summary>Masked, so that an address printed by accident does not leak.</summary>
    public override string ToString() => Masked;

    private static string Validate(string address)
    {
        if (address.Length == 0)
        {
            return "The e-mail address is empty.";
        }
        if (address.Length > 254)
        {
            return $"The e-mail address is {address.Length} characters long; at most 254 are allowed.";
        }
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return "The e-mail address needs one '@' with text on both sides.";
        }
        var local = address[..at];
        var domain = address[(at + 1)..];
        var masked = $"{address[0]}***@{domain}";
        if (local.Length > 64 || !IsDotAtom(local))
        {
            return $"The local part of {masked} is not a valid dot-atom (ASCII letters, digits, {LocalSpecials} and single inner dots, at most 64).";
        }
        var labels = domain.Split('.');
        if (labels.Length < 2 || !labels.All(IsDomainLabel))
        {
            return $"The domain of {masked} is not a valid host name (two or more labels of letters, digits and inner hyphens).";
        }
        return "";
    }

    private static bool IsDotAtom(string local) =>
        local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || LocalSpecials.Contains(c, StringComparison.Ordinal));

    private static bool IsDomainLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

/// <summary>See <see cref="EmailAddress.Inbox"/>.</summary>
file sealed class InboxComparer : IEqualityComparer<string>
{
    public bool Equals(string? x, string? y) =>
        x is null || y is null ? x is null && y is null : x.AsSpan().Trim().Equals(y.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);
}
