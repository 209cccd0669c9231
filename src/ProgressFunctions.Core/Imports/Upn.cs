using System.Globalization;

namespace ProgressFunctions.Core.Imports;

/// <summary>The DfE Unique Pupil Number: 13 characters, the first a check letter over the other twelve.</summary>
/// <remarks>
/// Business format <c>Annnnnnnnnnnn</c>, or <c>AnnnnnnnnnnnA</c> for a temporary UPN (UK Government Data Standards
/// Catalogue, Unique Pupil Number v2.0; census validation 1510). Characters 2-4 are the LA code, 5-8 the
/// establishment, 9-10 the year of issue, 11-13 a serial. Check letter: sum of character value x position over
/// positions 2-13 (a temporary UPN's final letter counts as its check-letter value), modulo 23, mapped to
/// A-Z without I, O and S.
/// </remarks>
public static class Upn
{
    private const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>The check letter for the twelve characters after it.</summary>
    /// <exception cref="ArgumentException">Not eleven digits followed by a digit or an allowed letter.</exception>
    public static char CheckLetter(ReadOnlySpan<char> last12) =>
        TryCheckLetter(last12, out var letter) ? letter : throw new ArgumentException("a UPN body is 11 digits and a digit or letter", nameof(last12));

    /// <summary>A permanent UPN from its parts, with the right check letter.</summary>
    public static string Create(int laCode, int establishment, int year, int serial)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{laCode:000}{establishment:0000}{year % 100:00}{serial:000}");
        return CheckLetter(body) + body;
    }

    public static bool IsValid(ReadOnlySpan<char> upn) => Check(upn) is null;

    /// <summary>Null when the UPN is valid, else the reason it is not.</summary>
    public static string? Check(ReadOnlySpan<char> upn)
    {
        if (upn.Length != 13)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a UPN has 13 characters, this has {upn.Length}");
        }

        if (!TryCheckLetter(upn[1..], out var expected))
        {
            return "characters 2-12 of a UPN must be digits and character 13 a digit or a letter other than I, O, S";
        }

        return upn[0] == expected ? null : $"wrong UPN check letter: '{upn[0]}', expected '{expected}'";
    }

    private static bool TryCheckLetter(ReadOnlySpan<char> last12, out char letter)
    {
        letter = '\0';
        if (last12.Length != 12)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var c = last12[i];
            int value;
            if (char.IsAsciiDigit(c))
            {
                value = c - '0';
            }
            else if (i == 11 && (value = Letters.IndexOf(c)) >= 0)
            {
                // A temporary UPN ends with a letter valued as a check letter would be.
            }
            else
            {
                return false;
            }

            sum += value * (i + 2);
        }

        letter = Letters[sum % 23];
        return true;
    }
}
