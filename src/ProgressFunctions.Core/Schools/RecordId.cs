namespace ProgressFunctions.Core.Schools;

/// <summary>The one rule for the ids the product keys things by: school, pupil, contact and staff ids.</summary>
/// <remarks>
/// An id is 1 to <see cref="MaxLength"/> characters of ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, and
/// starts with a letter or a digit. Ids become parts of document ids, blob paths, send-ledger keys and file names;
/// inside this set none of them needs escaping, so two different ids can never turn into the same key, and no id can
/// climb out of a folder (<c>..</c>). MIS ids that fall outside it are refused at import with a row error (the
/// column can be left out, and the product then derives ids from the UPN or the contact's name).
/// </remarks>
public static class RecordId
{
    public const int MaxLength = 64;

    /// <summary>What the rule allows, for error messages and the docs.</summary>
    public const string Allowed = "1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit";

    public static bool IsValid(string? id) => Check(id, "id") is null;

    /// <summary>Null when <paramref name="id"/> keeps the rule, else a one-line reason naming <paramref name="what"/>.</summary>
    public static string? Check(string? id, string what)
    {
        if (string.IsNullOrEmpty(id))
        {
            return $"{what} is empty";
        }

        if (id.Length > MaxLength)
        {
            return $"{what} '{id[..20]}...' is {id.Length} characters; the most is {MaxLength}";
        }

        if (!char.IsAsciiLetterOrDigit(id[0]))
        {
            return $"{what} '{id}' must start with a letter or digit ({Allowed})";
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"{what} '{id}' contains {Describe(c)}; an id may hold {Allowed}";
            }
        }

        return null;
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\r' or '\n' => "a line break",
        _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
