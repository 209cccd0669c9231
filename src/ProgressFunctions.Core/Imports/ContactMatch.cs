using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>When two contact records are taken to be one person across exports: the one rule for family moves and kept contacts.</summary>
/// <remarks>
/// A contact's id may change between exports (a CTF makes ids from name and address; an MIS may renumber), and an MIS
/// records one parent once per child: so the same id, the same inbox (<see cref="EmailAddress.Inbox"/>), or the same
/// forename and surname is the same person.
/// </remarks>
public static class ContactMatch
{
    public static bool SamePerson(Contact before, Contact now) => SameIdOrInbox(before, now) || before.HasSameNameAs(now);

    /// <summary>The same id or the same inbox: the stronger half of <see cref="SamePerson"/>, for when nothing else ties two records together (no pupil).</summary>
    public static bool SameIdOrInbox(Contact before, Contact now) =>
        string.Equals(before.Id, now.Id, StringComparison.Ordinal)
        || (before.Email is { Length: > 0 } a && now.Email is { Length: > 0 } b && EmailAddress.SameInbox(a, b));
}
