using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

// The recipient as stored now, and why what was decided for them may no longer go to them.
internal sealed partial class MessageAssembly
{
    /// <summary>The recipient contact and the named pupils as stored now, with the pupils' links and the school's shared addresses: all the parent check reads.</summary>
    private async Task<SchoolDirectory> FamilyAsync(string school, string contactId, IEnumerable<string> pupilIds, CancellationToken cancellationToken)
    {
        var pupils = new List<PupilRecord>();
        foreach (var id in pupilIds.Distinct(StringComparer.Ordinal))
        {
            if (await documents.ReadAsync<PupilRecord>(school, DocumentTypes.Pupil, id, cancellationToken) is { } record)
            {
                pupils.Add(record.Body);
            }
        }

        var contact = await documents.ReadAsync<Contact>(school, DocumentTypes.Contact, contactId, cancellationToken);
        var shared = await documents.ReadAsync<SharedAddressList>(school, DocumentTypes.SharedAddresses, DocumentTypes.SharedAddresses, cancellationToken);
        return new SchoolDirectory(pupils.Select(p => p.Pupil), contact is null ? [] : [contact.Body], pupils.SelectMany(p => p.Links), [], [])
        {
            KnownSharedAddresses = shared?.Body.SharedWith ?? new Dictionary<string, string>(),
        };
    }

    private static IEnumerable<StaffMember> StaffMembers(SchoolDirectory staff) =>
        staff.Roles.Select(r => r.StaffId).Distinct(StringComparer.Ordinal).Select(staff.Staff).OfType<StaffMember>();

    private async Task<SchoolDirectory> StaffAsync(string school, CancellationToken cancellationToken)
    {
        var staff = (await documents.ReadAsync<StaffDirectory>(school, DocumentTypes.Staff, DocumentTypes.Staff, cancellationToken))?.Body ?? new StaffDirectory([], []);
        return new SchoolDirectory([], [], [], staff.Staff, staff.Roles);
    }

    /// <summary>Why a contact may not receive what was decided for them now: gone, or at another address than the decision's.</summary>
    private static string? Moved(OutgoingMessage message, SchoolDirectory directory) =>
        directory.Contact(message.Recipient.Id) is not { } contact ? $"contact {message.Recipient.Id} is no longer in the school's records"
        : !SameAddress(contact.Email, message.Recipient.Email) ? (message.BatchId is { } batch
            ? $"contact {message.Recipient.Id}'s e-mail address is not the one batch {batch} decided for; releasing the batch again decides it afresh"
            : $"contact {message.Recipient.Id}'s e-mail address changed after the decision; the next decision uses the new one")
        : null;

    private static string? StaffRefusal(OutgoingMessage message, SchoolDirectory staff) =>
        staff.Staff(message.Recipient.Id) is not { } member ? $"staff {message.Recipient.Id} is no longer in the school's records"
        : !SameAddress(member.Email, message.Recipient.Email) ? $"staff {message.Recipient.Id}'s e-mail address changed after the decision"
        : null;

    private static bool SameAddress(string? stored, string decided) => Email.EmailAddress.SameInbox(stored, decided);
}
