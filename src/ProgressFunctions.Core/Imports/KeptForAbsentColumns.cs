using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Gives each stored pupil and contact back its stored value for every column the export's header lacks, before anything else compares them.</summary>
/// <remarks>
/// <para>
/// The readers take an absent column as empty for every row: one export without the SEN column would otherwise clear
/// every pupil's SEN status, and one without Email leave every parent without an address. The export says nothing about
/// those fields, so what is stored stands; the readers have said once which column is absent (<see cref="AbsentColumns"/>).
/// A pupil or contact new to the store takes the reader's default; a stored leaver whom the export marks after their
/// leaving date is back on roll (<see cref="BackOnRoll"/>). Restriction and Receives Correspondence are kept by
/// <see cref="ContactSafeguards"/>, which does the same for a CTF and warns when a restriction is lifted.
/// </para>
/// <para>
/// A pupil is the stored pupil of the same id (<see cref="PupilIdentity"/> holds id and UPN together). A contact link is
/// the same pupil's stored link to the same contact id or, failing that, to the pupil's only stored contact of the same
/// name: without Contact ID the ids are made from name, e-mail and phone, and change when those columns do. A contact
/// takes the stored person's details when its id is stored, or when every one of its links leads to one stored person:
/// two families' parents of one name, with nothing else to tell them apart, are one contact to the export, and one
/// family's address given to it would send the other child's reports there.
/// </para>
/// </remarks>
public static class KeptForAbsentColumns
{
    private static readonly (CsvColumn Column, Func<Pupil, Pupil, Pupil> Keep)[] s_pupilFields =
    [
        (PupilsCsv.PreferredForename, (now, stored) => now with { PreferredForename = stored.PreferredForename }),
        (PupilsCsv.DateOfBirth, (now, stored) => now with { DateOfBirth = stored.DateOfBirth }),
        (PupilsCsv.Gender, (now, stored) => now with { Gender = stored.Gender }),
        (PupilsCsv.RegGroup, (now, stored) => now with { RegistrationGroup = stored.RegistrationGroup }),
        (PupilsCsv.Sen, (now, stored) => now with { Sen = stored.Sen }),
        (PupilsCsv.Fsm, (now, stored) => now with { FreeSchoolMeals = stored.FreeSchoolMeals }),
        (PupilsCsv.PupilPremium, (now, stored) => now with { PupilPremium = stored.PupilPremium }),
        (PupilsCsv.Eal, (now, stored) => now with { EnglishAdditionalLanguage = stored.EnglishAdditionalLanguage }),
        (PupilsCsv.LookedAfter, (now, stored) => now with { LookedAfter = stored.LookedAfter }),
        (PupilsCsv.AdmissionDate, (now, stored) => now with { AdmissionDate = stored.AdmissionDate }),
        (PupilsCsv.LeavingDate, (now, stored) => now with { LeavingDate = stored.LeavingDate }),
    ];

    private static readonly (CsvColumn Column, Func<Contact, Contact, Contact> Keep)[] s_contactFields =
    [
        (ContactsCsv.Title, (now, stored) => now with { Title = stored.Title }),
        (ContactsCsv.Email, (now, stored) => now with { Email = stored.Email, EmailRefused = stored.EmailRefused }),
        (ContactsCsv.Phone, (now, stored) => now with { Phone = stored.Phone }),
    ];

    private static readonly (CsvColumn Column, Func<ContactLink, ContactLink, ContactLink> Keep)[] s_linkFields =
    [
        (ContactsCsv.Relationship, (now, stored) => now with { Relationship = stored.Relationship }),
        (ContactsCsv.Responsibility, (now, stored) => now with { ParentalResponsibility = stored.ParentalResponsibility }),
        (ContactsCsv.Priority, (now, stored) => now with { Priority = stored.Priority }),
    ];

    /// <summary>The columns whose stored values this step keeps, with those <see cref="ContactSafeguards"/> keeps: every column that warns when absent.</summary>
    internal static IEnumerable<CsvColumn> Columns =>
        [.. s_pupilFields.Select(f => f.Column), .. s_contactFields.Select(f => f.Column), .. s_linkFields.Select(f => f.Column), ContactsCsv.Restriction, ContactsCsv.Correspondence];

    public static SchoolExport Apply(
        SchoolExport export, IReadOnlyDictionary<string, Pupil> storedPupils, IReadOnlyDictionary<string, Contact> storedContacts, IEnumerable<ContactLink> storedLinks)
    {
        var pupilFields = Absent(export, s_pupilFields);
        var contactFields = Absent(export, s_contactFields);
        var linkFields = Absent(export, s_linkFields);
        if (pupilFields.Count + contactFields.Count + linkFields.Count == 0)
        {
            return export;
        }

        var leavingKept = export.AbsentColumns.Contains(PupilsCsv.LeavingDate);
        var pupils = export.Pupils
            .Select(p => storedPupils.TryGetValue(p.Id, out var stored) ? Keep(p, stored, pupilFields) : p)
            .Select(p => leavingKept ? BackOnRoll(p, export.Attendance) : p)
            .ToList();

        var byPupil = storedLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var exportContacts = export.Contacts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var matched = export.ContactLinks.Select(l => (Link: l, Stored: StoredLink(l, byPupil[l.PupilId], exportContacts, storedContacts))).ToList();
        var links = matched.Select(m => m.Stored is { } stored ? Keep(m.Link, stored, linkFields) : m.Link).ToList();
        var personByLinks = matched.GroupBy(m => m.Link.ContactId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Stored?.ContactId).Distinct().ToList() is [{ } one] ? one : null, StringComparer.Ordinal);
        var contacts = export.Contacts.Select(c => StoredPerson(c, personByLinks, storedContacts) is { } stored ? Keep(c, stored, contactFields) : c).ToList();

        return export with { Pupils = pupils, Contacts = contacts, ContactLinks = links };
    }

    /// <summary>The pupil on roll when the export's register marks them in a possible session after their stored leaving date.</summary>
    /// <remarks>
    /// Without the column only the register can say that a pupil taken off roll (left out of one export) is back; kept off
    /// roll, a child would drop out of every attendance check while the school still marks them.
    /// </remarks>
    private static Pupil BackOnRoll(Pupil pupil, AttendanceRegisters? register) =>
        pupil.LeavingDate is { } left && register is not null && register.MarksOf(pupil.Id).Any(m => m.Date > left && m.Code.Category.IsPossible())
            ? pupil with { LeavingDate = null }
            : pupil;

    private static List<Func<T, T, T>> Absent<T>(SchoolExport export, (CsvColumn Column, Func<T, T, T> Keep)[] fields) =>
        [.. fields.Where(f => export.AbsentColumns.Contains(f.Column)).Select(f => f.Keep)];

    private static T Keep<T>(T now, T stored, List<Func<T, T, T>> fields) => fields.Aggregate(now, (kept, keep) => keep(kept, stored));

    private static Contact? StoredPerson(Contact contact, Dictionary<string, string?> personByLinks, IReadOnlyDictionary<string, Contact> storedContacts) =>
        storedContacts.TryGetValue(contact.Id, out var byId) ? byId
        : personByLinks.GetValueOrDefault(contact.Id) is { } id && storedContacts.TryGetValue(id, out var byLinks) ? byLinks
        : null;

    private static ContactLink? StoredLink(ContactLink link, IEnumerable<ContactLink> stored, IReadOnlyDictionary<string, Contact> exportContacts, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        if (stored.FirstOrDefault(s => s.ContactId == link.ContactId) is { } same)
        {
            return same;
        }

        if (!exportContacts.TryGetValue(link.ContactId, out var contact))
        {
            return null;
        }

        // Two stored contacts of one name for one pupil (a parent and a grown-up sibling): which one this is would be a guess.
        var named = stored.Where(s => storedContacts.TryGetValue(s.ContactId, out var known) && known.HasSameNameAs(contact)).Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }
}
