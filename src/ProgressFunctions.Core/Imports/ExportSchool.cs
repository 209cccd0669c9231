using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Whether an export belongs to the school it is being stored under.</summary>
/// <remarks>
/// The school id of the command or the blob path (<c>mis-exports/{schoolId}/...</c>) must keep
/// <see cref="RecordId"/>'s rule and name the export's own school: a CSV bundle's school.json URN, or the
/// <c>schoolId</c> its school.json maps the school to. A CTF carries no school.json: its source school's URN (or, when
/// the CTF gives none, its LA and establishment number) must be those of the profile already stored for the id.
/// </remarks>
public static class ExportSchool
{
    /// <summary>Null when the export may be stored under <paramref name="schoolId"/>, else a one-line reason saying what to do.</summary>
    public static string? Mismatch(string schoolId, SchoolExport export, bool hasSchoolJson, SchoolProfile? stored)
    {
        if (RecordId.Check(schoolId, "the school id") is { } bad)
        {
            return bad;
        }

        if (export.Profile is not { } profile)
        {
            return null;
        }

        if (hasSchoolJson)
        {
            return profile.Urn == schoolId || profile.SchoolId == schoolId ? null
                : $"the export's school.json is for URN {profile.Urn}{(profile.SchoolId is { } id ? $" (school id {id})" : "")}, not school {schoolId}: " +
                  $"store it under --school {profile.SchoolId ?? profile.Urn}, or set \"schoolId\": \"{schoolId}\" in its school.json if this school is filed under that id";
        }

        if (stored is null)
        {
            return null;
        }

        var sameSchool = profile.Urn.Length > 0
            ? profile.Urn == stored.Urn
            : profile.LocalAuthority == stored.LocalAuthority && profile.Establishment == stored.Establishment;
        return sameSchool ? null
            : $"the CTF is from {(profile.Urn.Length > 0 ? $"URN {profile.Urn}" : $"LA {profile.LocalAuthority} establishment {profile.Establishment}")}, " +
              $"but school {schoolId} is URN {stored.Urn}: store it under that school's id";
    }
}
