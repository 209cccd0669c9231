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
            return SchoolJsonMismatch(schoolId, profile);
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

    /// <summary>Null when an export whose school.json reads as <paramref name="schoolJson"/> may be stored under <paramref name="schoolId"/>, else a one-line reason saying what to do.</summary>
    /// <remarks>The same rule <see cref="Mismatch"/> applies to a CSV bundle, for a command that has only the school.json (an upload, before anything is stored).</remarks>
    public static string? SchoolJsonMismatch(string schoolId, SchoolProfile schoolJson)
    {
        ArgumentNullException.ThrowIfNull(schoolJson);
        return schoolJson.Urn == schoolId || schoolJson.SchoolId == schoolId ? null
            : $"the export's school.json is for URN {schoolJson.Urn}{(schoolJson.SchoolId is { } id ? $" (school id {id})" : "")}, not school {schoolId}: " +
              $"store it under --school {schoolJson.SchoolId ?? schoolJson.Urn}, or set \"schoolId\": \"{schoolId}\" in its school.json if this school is filed under that id";
    }

    /// <summary>The smallest stored roll <see cref="RollReplaced"/> looks at: a handful of pupils can all leave at once.</summary>
    public const int RollCheckedFrom = 20;

    /// <summary>Null unless the export would take half or more of the stored roll off it at once; else a one-line reason saying what to do.</summary>
    /// <remarks>
    /// No school's roll turns over by half between two exports (a new year's leavers are a year group or two), but
    /// another school's export under this id, or an export of the wrong roll, does exactly that: its pupils would be
    /// added beside the stored ones, the stored ones marked as leavers, and the next reports would go out in the other
    /// school's name. Refused before anything is stored, naming both schools. Rolls under <see cref="RollCheckedFrom"/>
    /// pupils are not checked.
    /// </remarks>
    public static string? RollReplaced(string schoolId, int onRoll, int leavers, SchoolProfile? exported, SchoolProfile? stored)
    {
        if (onRoll < RollCheckedFrom || leavers * 2 < onRoll)
        {
            return null;
        }

        var names = exported is not null && stored is not null && !string.Equals(exported.Name, stored.Name, StringComparison.OrdinalIgnoreCase)
            ? $" (its school.json names {exported.Name}; the store holds {stored.Name})"
            : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"this export would take {leavers} of the {onRoll} pupils on roll off it at once{names}: check it is school {schoolId}'s full roll; another school's export needs its own id (--school, or \"schoolId\" in its school.json)");
    }
}
