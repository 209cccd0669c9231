using System.Globalization;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>Sheet names Excel accepts: at most 31 characters, none of <c>: \ / ? * [ ]</c>, unique ignoring case, not "History".</summary>
internal static class SheetNames
{
    public const int MaxLength = 31;

    public static IReadOnlyList<string> For(IReadOnlyList<string> wanted)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(wanted.Count);
        foreach (var name in wanted)
        {
            var clean = string.Concat(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? '-' : c)).Trim().Trim('\'');
            // Excel keeps "History" for its change tracking and refuses a sheet of that name.
            clean = clean.Length == 0 ? "Sheet" : string.Equals(clean, "History", StringComparison.OrdinalIgnoreCase) ? clean + " (subject)" : clean;
            var candidate = Truncate(clean, MaxLength);
            for (var n = 2; !used.Add(candidate); n++)
            {
                var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
                candidate = Truncate(clean, MaxLength - suffix.Length) + suffix;
            }

            names.Add(candidate);
        }

        return names;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd();
}
