using System.Buffers;
using System.Globalization;

namespace ProgressFunctions.Core.Schools;

/// <summary>The one rule for the text of a person's name, as it is stored, printed and put in e-mail headers.</summary>
/// <remarks>
/// A tab, line break or other control character typed into an MIS name field becomes a space, a character that
/// prints as nothing (a zero-width space, a direction override) is removed, and runs of spaces become one; the name
/// is trimmed. Cleaned once at import (with a warning naming the field) and again wherever a
/// name meets a header, so a name is never a reason for a message not to be sent.
/// </remarks>
public static class PersonName
{
    private static readonly CompareInfo s_collation = CultureInfo.GetCultureInfo("en-GB").CompareInfo;

    /// <summary>The order names are listed in for staff: as an English reader expects, so Łukasz sits with Luke and
    /// Ó Súilleabháin with O'Brien rather than after Z (an ordinal sort puts every accented letter last).</summary>
    /// <remarks>Case-insensitive, en-GB collation; ties are broken by the caller (usually the pupil id) so the order is total.</remarks>
    public static StringComparer Order { get; } = s_collation.GetStringComparer(CompareOptions.IgnoreCase);

    /// <summary>The key of a name in <see cref="Order"/>, for sorting a long list: two keys compare (<see cref="SortKey.Compare"/>)
    /// as <see cref="Order"/> compares their names, and each name is collated once rather than at every comparison.</summary>
    public static SortKey OrderKey(string name) => s_collation.GetSortKey(name, CompareOptions.IgnoreCase);

    /// <summary>Compares keys made by <see cref="OrderKey"/>.</summary>
    public static IComparer<SortKey> KeyOrder { get; } = Comparer<SortKey>.Create(SortKey.Compare);

    public static bool NeedsCleaning(string name) => name.AsSpan().ContainsAny(s_unclean);

    // Control characters (made spaces), and characters that print as nothing and have no place in a name (removed): a
    // zero-width space, a word joiner, a byte-order mark, direction marks and overrides. A right-to-left override pasted
    // into a surname printed it reversed wherever it was shown. Zero-width joiners stay: some scripts spell with them.
    private static readonly SearchValues<char> s_unclean = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), .. Invisible]);

    private const string Invisible = "\u200B\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF";

    /// <summary>The character standing where a letter was lost, or null: no name holds '?' or U+FFFD.</summary>
    /// <remarks>
    /// A file saved by a tool that could not write a letter in its encoding holds '?' there ("Sin?ad"), and bytes that
    /// are not UTF-8 in a UTF-8 file read as U+FFFD. Either way the letter cannot be known, and a guessed name would be
    /// stored over the right one and printed to families.
    /// </remarks>
    public static char? LostLetter(string name) => name.AsSpan().IndexOfAny('?', '\uFFFD') is var at and >= 0 ? name[at] : null;

    /// <remarks>A name already clean (most are, and every late reason of an attendance export passes here) is returned as it is.</remarks>
    public static string Clean(string name) => IsClean(name)
        ? name
        : string.Join(' ', string.Concat(name.Where(c => !Invisible.Contains(c))).Split((char[])[' ', .. name.Where(char.IsControl).Distinct()], StringSplitOptions.RemoveEmptyEntries));

    private static bool IsClean(string name) =>
        name.Length == 0 || (name[0] != ' ' && name[^1] != ' ' && !name.Contains("  ", StringComparison.Ordinal) && !NeedsCleaning(name));
}
