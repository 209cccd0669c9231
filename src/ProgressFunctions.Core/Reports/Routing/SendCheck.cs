namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>The last check before a report about pupils leaves for a contact: made at send time, from what is stored now.</summary>
/// <remarks>
/// Whatever was decided earlier, a pupil's report is attached only if, now: the pupil is stored under the UPN the
/// report's figures are about (when the report knows it); the contact is stored and linked to that very pupil with
/// parental responsibility, correspondence on and no restriction, and has a valid address; and, when the school
/// protects reports with the date of birth, the pupil has one. Each pupil that fails is refused with its reason; no
/// path attaches a pupil's report to a message for anyone else. Being on roll is not checked: a pupil who left after
/// the batch was decided still gets the report of the term they were on roll for, as their parents would expect.
/// </remarks>
public static class SendCheck
{
    /// <param name="contactId">The recipient.</param>
    /// <param name="pupils">Each pupil whose report would be attached, with the UPN its figures are about (null when unknown).</param>
    /// <param name="directory">The school as stored now.</param>
    /// <param name="needsDateOfBirth">The school protects parent reports with the pupil's date of birth.</param>
    public static (IReadOnlyList<string> Allowed, IReadOnlyList<NotSent> Refused) Parent(
        string contactId, IEnumerable<(string PupilId, string? Upn)> pupils, SchoolDirectory directory, bool needsDateOfBirth)
    {
        var allowed = new List<string>();
        var refused = new List<NotSent>();
        foreach (var (pupilId, upn) in pupils.DistinctBy(p => p.PupilId).OrderBy(p => p.PupilId, StringComparer.Ordinal))
        {
            var refusal = Refusal(contactId, pupilId, upn, directory, needsDateOfBirth);
            if (refusal is null)
            {
                allowed.Add(pupilId);
            }
            else
            {
                refused.Add(refusal);
            }
        }

        return (allowed, refused);
    }

    private static NotSent? Refusal(string contactId, string pupilId, string? upn, SchoolDirectory directory, bool needsDateOfBirth)
    {
        if (directory.Pupil(pupilId) is not { } pupil || (upn is not null && !string.Equals(pupil.Upn, upn, StringComparison.OrdinalIgnoreCase)))
        {
            return new NotSent(pupilId, contactId, NotSentReason.PupilIdentityChanged, "the report's pupil is not the pupil stored under this id now");
        }

        var links = directory.LinksOf(pupilId).Where(l => l.ContactId == contactId).ToList();
        if (links.Count == 0)
        {
            return new NotSent(pupilId, contactId, NotSentReason.UnknownContact, "the contact is not linked to this pupil");
        }

        if (links.Select(l => ParentRouting.Refusal(l, directory)).FirstOrDefault(r => r is not null) is { } linkRefusal)
        {
            return linkRefusal;
        }

        return needsDateOfBirth && pupil.DateOfBirth is null
            ? new NotSent(pupilId, contactId, NotSentReason.NoDateOfBirthForProtectedReport, "reports are protected with the date of birth, and the MIS gives none")
            : null;
    }
}
