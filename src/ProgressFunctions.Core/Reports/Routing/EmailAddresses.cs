namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>The address check routing applies before it lets a report go to a contact.</summary>
/// <remarks>
/// Deliberately plain: one <c>@</c>, a non-empty local part, a domain with a dot and no empty label, no white space
/// or angle brackets. It rejects what MIS data entry typically gets wrong ("n/a", "none", missing domain) without
/// rejecting real addresses.
/// </remarks>
public static class EmailAddresses
{
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var text = address.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || text.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';'))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && domain.Split('.').All(label => label.Length > 0);
    }
}
