namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>Why a contact was not sent a pupil's report, so the school can follow up by other means.</summary>
public enum NotSentReason
{
    NoParentalResponsibility,
    NoCorrespondence,
    Restricted,
    NoEmailAddress,
    InvalidEmailAddress,
    UnknownContact,
    NoEligibleContact,
    /// <summary>The pupil is no longer stored, or no longer under the UPN the report's figures are about.</summary>
    PupilIdentityChanged,
    /// <summary>The school protects parent reports with the date of birth, and the pupil has none.</summary>
    NoDateOfBirthForProtectedReport,
    /// <summary>The contact's e-mail address is also given for a contact of another family (<see cref="SharedAddresses"/>).</summary>
    AddressSharedWithAnotherFamily,
    /// <summary>Another contact of the family has the same address and is sent every report this contact would be: one e-mail reaches that inbox, not two.</summary>
    SameAddressAsAnotherContact,
}

/// <summary>A decision not to send one pupil's report to one contact (or to anyone, with a null contact).</summary>
public sealed record NotSent(string PupilId, string? ContactId, NotSentReason Reason, string? Detail = null)
{
    /// <summary>The detail of <see cref="NotSentReason.NoEligibleContact"/> for a pupil with no contact stored at all.</summary>
    public const string NoContactStoredDetail = "no contact is stored for this pupil: the export lists none, or its contact rows were refused at import (see the import errors)";

    /// <summary>The pupil's report went to <paramref name="contactId"/>'s inbox once, in <paramref name="carrierId"/>'s e-mail (<see cref="NotSentReason.SameAddressAsAnotherContact"/>).</summary>
    public static NotSent SentOnceTo(string pupilId, string contactId, string carrierId) =>
        new(pupilId, contactId, NotSentReason.SameAddressAsAnotherContact, $"sent once, to contact {carrierId} at the same address");
}

/// <summary>One e-mail to one contact carrying the reports of each of their children at the school.</summary>
/// <remarks>
/// <see cref="PupilIds"/> are in ordinal order, and envelopes in the order of their first child's id (then the link's
/// priority and the contact's id), so the same inputs always give the same envelopes in the same order.
/// </remarks>
public sealed record ParentEnvelope(string ContactId, string Email, IReadOnlyList<string> PupilIds)
{
    /// <summary>The other contacts at this inbox whose reports this envelope carries (<see cref="NotSentReason.SameAddressAsAnotherContact"/>), in id order; empty for most.</summary>
    public IReadOnlyList<string> AlsoFor { get; init; } = [];
}

public sealed record ParentRoutingResult(IReadOnlyList<ParentEnvelope> Envelopes, IReadOnlyList<NotSent> NotSent);

/// <summary>Who receives pupils' reports at home.</summary>
/// <remarks>
/// A pupil's report goes only to that pupil's own contacts, through a link to that pupil with parental
/// responsibility, correspondence on and no restriction, and only to a contact with a valid e-mail address that no
/// other family's contact has (<see cref="SharedAddresses"/>). Every
/// link that fails a rule is recorded with its reason; a pupil nobody can be sent to is recorded once with
/// <see cref="NotSentReason.NoEligibleContact"/>. Contacts with several children get one envelope. Two contacts of one
/// family at one address (two parents sharing an inbox) would each be sent the same reports: the contact whose children
/// another envelope to that address already carries gets none, recorded as <see cref="NotSentReason.SameAddressAsAnotherContact"/>.
/// Contacts at one address with different children (one parent recorded once per child) each keep theirs.
/// </remarks>
public static class ParentRouting
{
    public static ParentRoutingResult Route(IEnumerable<string> pupilIds, SchoolDirectory directory)
    {
        // Envelopes in the order their first child comes: a pupil's contacts sit side by side in the queue, so the
        // sends that attach the same report follow each other and it is rendered once, not evicted in between.
        var byContact = new Dictionary<string, (string Email, SortedSet<string> Pupils)>(StringComparer.Ordinal);
        var order = new List<string>();
        var notSent = new List<NotSent>();
        foreach (var pupilId in pupilIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (eligible, linked) = (0, 0);
            foreach (var link in directory.LinksOf(pupilId).OrderBy(l => l.Priority).ThenBy(l => l.ContactId, StringComparer.Ordinal))
            {
                linked++;
                if (Refusal(link, directory) is { } refused)
                {
                    notSent.Add(refused);
                    continue;
                }

                var email = directory.Contact(link.ContactId)!.Email!.Trim();
                eligible++;
                if (!byContact.TryGetValue(link.ContactId, out var entry))
                {
                    entry = (email, new SortedSet<string>(StringComparer.Ordinal));
                    byContact[link.ContactId] = entry;
                    order.Add(link.ContactId);
                }

                entry.Pupils.Add(pupilId);
            }

            if (eligible == 0)
            {
                // With contacts, each one's refusal says why; with none, the office looks at the export and its import errors.
                notSent.Add(new NotSent(pupilId, null, NotSentReason.NoEligibleContact, linked == 0 ? NotSent.NoContactStoredDetail : null));
            }
        }

        var envelopes = order.Select(id => new ParentEnvelope(id, byContact[id].Email, [.. byContact[id].Pupils])).ToList();
        return new ParentRoutingResult(OncePerInbox(envelopes, notSent), notSent);
    }

    /// <summary>The envelopes less each one whose children another envelope to the same address carries; those are recorded in <paramref name="notSent"/>.</summary>
    /// <remarks>
    /// The envelope kept is the one with the most children, then the lowest contact id (ordinal), so it is never itself
    /// left out, and the choice does not turn on the links' priorities: a batch decided again at release keeps the same
    /// contact when only those changed (<see cref="Sending.BatchAmendment"/>). Only one family's contacts can share an
    /// address here: <see cref="SharedAddresses"/> refuses any other pair.
    /// </remarks>
    private static List<ParentEnvelope> OncePerInbox(List<ParentEnvelope> envelopes, List<NotSent> notSent)
    {
        var byInbox = envelopes.Select((envelope, index) => (Envelope: envelope, Index: index)).ToLookup(e => e.Envelope.Email, Core.Email.EmailAddress.Inbox);
        var kept = new List<ParentEnvelope>(envelopes.Count);
        var alsoFor = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            var carrier = byInbox[envelope.Email]
                .Where(o => o.Index != i && !envelope.PupilIds.Except(o.Envelope.PupilIds).Any()
                    && (o.Envelope.PupilIds.Count > envelope.PupilIds.Count || string.CompareOrdinal(o.Envelope.ContactId, envelope.ContactId) < 0))
                .OrderByDescending(o => o.Envelope.PupilIds.Count).ThenBy(o => o.Envelope.ContactId, StringComparer.Ordinal).Select(o => o.Envelope).FirstOrDefault();
            if (carrier is null)
            {
                kept.Add(envelope);
                continue;
            }

            notSent.AddRange(envelope.PupilIds.Select(pupil => NotSent.SentOnceTo(pupil, envelope.ContactId, carrier.ContactId)));
            (alsoFor.TryGetValue(carrier.ContactId, out var others) ? others : alsoFor[carrier.ContactId] = new SortedSet<string>(StringComparer.Ordinal)).Add(envelope.ContactId);
        }

        return [.. kept.Select(e => alsoFor.TryGetValue(e.ContactId, out var others) ? e with { AlsoFor = [.. others] } : e)];
    }

    /// <summary>Why <paramref name="link"/> may not carry a report to its contact, or null when it may.</summary>
    internal static NotSent? Refusal(Schools.ContactLink link, SchoolDirectory directory)
    {
        var contact = directory.Contact(link.ContactId);
        return contact is null ? new NotSent(link.PupilId, link.ContactId, NotSentReason.UnknownContact)
            : link.Restriction is { } restriction ? new NotSent(link.PupilId, link.ContactId, NotSentReason.Restricted, restriction)
            : !link.ParentalResponsibility ? new NotSent(link.PupilId, link.ContactId, NotSentReason.NoParentalResponsibility)
            : !link.ReceivesCorrespondence ? new NotSent(link.PupilId, link.ContactId, NotSentReason.NoCorrespondence)
            : string.IsNullOrWhiteSpace(contact.Email) ? new NotSent(link.PupilId, link.ContactId, contact.EmailRefused ? NotSentReason.InvalidEmailAddress : NotSentReason.NoEmailAddress)
            : !Core.Email.EmailAddress.IsValid(contact.Email) ? new NotSent(link.PupilId, link.ContactId, NotSentReason.InvalidEmailAddress)
            : directory.AddressSharedWith(link.ContactId) is { } other ? new NotSent(link.PupilId, link.ContactId, NotSentReason.AddressSharedWithAnotherFamily,
                $"contact {other} has it too")
            : null;
    }
}
