using System.Security.Cryptography;
using System.Text;

namespace ProgressFunctions.Core.Imports;

/// <summary>Pseudonymous ids for records whose source gives none, the same from every format.</summary>
/// <remarks>
/// A CTF carries no MIS ids, so a pupil's id is derived from the UPN and a contact's from their name and e-mail or
/// phone; the CSV writer writes the same ids, so both formats of one export give the same model. Ids are safe for
/// logs: a hash prefix, not the personal data.
/// </remarks>
public static class RecordIds
{
    public static string PupilFromUpn(string upn) => "p-" + Hash(upn.ToUpperInvariant());

    public static string Contact(string forename, string surname, string? email, string? phone) =>
        "c-" + Hash($"{surname.Trim().ToUpperInvariant()}|{forename.Trim().ToUpperInvariant()}|{(email ?? phone ?? "").Trim().ToUpperInvariant()}");

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 6));
}
