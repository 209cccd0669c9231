using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>What is stored for a school that an export is checked against before it is merged.</summary>
/// <param name="Pupils">The stored pupils by id.</param>
/// <param name="Links">Every stored contact link.</param>
/// <param name="Contacts">The stored contacts by id.</param>
/// <param name="At">When the newest export stored was made; null when nothing is stored.</param>
/// <param name="LastMarked">The last day the stored marks mark; null when none is stored.</param>
public sealed record StoredSchool(
    IReadOnlyDictionary<string, Pupil> Pupils,
    IReadOnlyList<ContactLink> Links,
    IReadOnlyDictionary<string, Contact> Contacts,
    DateTimeOffset? At = null,
    DateOnly? LastMarked = null)
{
    public static StoredSchool Empty { get; } = new(new Dictionary<string, Pupil>(), [], new Dictionary<string, Contact>());

    /// <summary>What a merged school holds (its time and marks left out).</summary>
    public static StoredSchool Of(KnownSchool known) => new(known.Pupils, [.. known.ContactLinks], known.Contacts);
}

/// <summary>An export checked against the store: the export to merge, or why it is refused whole.</summary>
public sealed record CheckedExport(SchoolExport? Export, string? Refusal)
{
    public bool Refused => Refusal is not null;
}

/// <summary>Every check of an export against what is stored, in the order they apply: the pure part of ingest before the merge.</summary>
/// <remarks>
/// A stored pupil or contact first gets back its value for each optional column the export lacks
/// (<see cref="KeptForAbsentColumns"/>), so that no later check reads a missing column as every value changed. Pupils
/// whose identity does not match the store go next, with everything about them (<see cref="PupilIdentity"/>),
/// so that no later check counts or keeps anything of theirs; then addresses moved from one family's contact to
/// another's are refused (<see cref="MovedAddresses"/>), and contact rows that could not be used keep the stored
/// contacts they name (<see cref="RefusedContacts"/>), before anything counts a pupil's contacts. Then the export's time is settled, stored restrictions
/// kept, an older export limited, and the export-wide warnings added (<see cref="ExportWarnings"/>). An export that renames or re-families many pupils at
/// once is refused whole; otherwise names moved between pupils are refused one by one, pupils who lost every contact
/// row are dealt with (<see cref="ContactRemovals"/>), and the pupils and contacts moved between families are named
/// (<see cref="FamilyMoves.Warn"/>); last, a file holding only its header where the store holds its data is named (<see cref="EmptyFiles"/>).
/// </remarks>
public static class StoredChecks
{
    public static CheckedExport Apply(SchoolExport read, StoredSchool stored)
    {
        // Stored values for the columns the export lacks go back first: every later check compares the export with the store.
        var complete = KeptForAbsentColumns.Apply(read, stored.Pupils, stored.Contacts, stored.Links);
        var identified = RefusedContacts.Keep(MovedAddresses.Keep(PupilIdentity.Check(complete, stored.Pupils), stored.Links, stored.Contacts), stored.Links, stored.Contacts);
        var settled = ExportTime.Settle(identified, stored.LastMarked);
        var export = ExportWarnings.Add(OlderExport.Limit(
            ContactSafeguards.Keep(settled, stored.Links, stored.Contacts, stored.At), stored.Pupils, stored.Contacts, stored.Links, stored.At));
        if ((PupilIdentity.ManyChanged(export, stored.Pupils) ?? FamilyMoves.ManyMoved(export, stored.Links, stored.Contacts)) is { } refusal)
        {
            return new CheckedExport(null, refusal);
        }

        var renamed = PupilIdentity.Renamed(export, stored.Pupils);
        // Moves are looked for once pupils without a row have lost their contacts: a contact gone from such a pupil
        // to an unrelated one has left it as surely as one gone from a pupil with other rows.
        return new CheckedExport(EmptyFiles.Warn(FamilyMoves.Warn(ContactRemovals.Apply(renamed, stored.Links), stored.Links, stored.Contacts), stored), null);
    }
}
