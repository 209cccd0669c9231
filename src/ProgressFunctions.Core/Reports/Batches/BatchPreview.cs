using System.Globalization;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Sending;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Batches;

/// <summary>What the preview of a batch says: what goes, to how many, when, who will not be reached and why.</summary>
/// <remarks><see cref="PupilName"/> names a pupil by id (the school's own staff read the preview); the commands hold and release it.</remarks>
public sealed record BatchPreviewInput(string SchoolName, Batch Batch, string What, IReadOnlyList<NotSent> NotReached, Func<string, string> PupilName, string HoldCommand, string ReleaseCommand)
{
    /// <summary>A newer batch of the same kind, when this one is stale on arrival: then it never goes by itself.</summary>
    public string? NewerBatch { get; init; }
}

/// <summary>The one-page summary staff review before a batch of messages goes to families.</summary>
public static class BatchPreview
{
    public static ReportDocument Build(BatchPreviewInput input)
    {
        var batch = input.Batch;
        var release = batch.ReleaseOn.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var blocks = new List<ReportBlock>
        {
            new Paragraph(batch.State == BatchState.Held && batch.HeldReason is { } held
                ? $"The {input.What} are ready, but held: {held}. Nothing has been sent to any family."
                : input.NewerBatch is { } newer
                ? $"The {input.What} are ready, but batch {newer} has newer figures: these are not sent to families unless staff release them with --include-stale. Nothing has been sent to any family."
                : $"The {input.What} are ready to go to families. They are sent on {release} unless someone holds them; nothing has been sent to any family yet."),
            new KeyFacts([
                new KeyFact("E-mails to families", Count(batch.Messages)),
                new KeyFact("Pupils covered", Count(batch.Pupils)),
                new KeyFact("Pupils reaching no one", Count(batch.NotReached), batch.NotReached > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Figures up to", Date(batch.DataTo)),
                new KeyFact("Goes on", input.NewerBatch is null && batch.State != BatchState.Held ? release : "only if released"),
            ]),
            new Heading("What to do"),
            new Paragraph(batch.State == BatchState.Held
                ? $"It is held: nothing goes until the data manager releases it with: {input.ReleaseCommand}"
                : $"To stop it while you check something, the data manager runs: {input.HoldCommand}. To send it before then: {input.ReleaseCommand}"),
        };
        var unreached = BatchRules.PupilsReachedByNoOne(input.NotReached);
        if (unreached.Count > 0)
        {
            blocks.Add(new Heading($"Pupils whose {(batch.Kind == BatchKind.ParentReports ? "report" : "letter")} reaches no family member ({Count(unreached.Count)})"));
            blocks.Add(new TableBlock(
                [new TableColumn("Pupil", 2), new TableColumn("Why", 4)],
                [.. unreached.InPupilNameOrder(input.PupilName, id => id).Select(id => new TableRow([input.PupilName(id), WhyOf(input.NotReached, id)], Tone.Caution))],
                "Follow these up another way; the attached CSV holds the same list with each contact."));
        }

        var others = input.NotReached.Where(n => n.ContactId is not null && !unreached.Contains(n.PupilId)).ToList();
        if (others.Count > 0)
        {
            blocks.Add(new Heading($"Other contacts not written to ({Count(others.Count)})"));
            blocks.Add(new Paragraph("Each of these pupils' reports goes to another contact; these contacts are not sent it, for the reason given."));
            blocks.Add(new TableBlock(
                [new TableColumn("Reason", 3), new TableColumn("Contacts", 1, Align.Right)],
                [.. others.GroupBy(n => n.Reason).OrderByDescending(g => g.Count()).Select(g => new TableRow([Reason(g.Key), Count(g.Count())]))]));
        }

        return new ReportDocument($"To review before it goes: {input.What}", $"Batch {batch.Id}", input.SchoolName, batch.PreparedOn, blocks)
        {
            FileName = $"review-{batch.Id}.pdf",
        };
    }

    /// <summary>Why a pupil is reached by no one: each contact's reason, or the pupil's own.</summary>
    private static string WhyOf(IReadOnlyList<NotSent> notSent, string pupilId)
    {
        var contacts = notSent.Where(n => n.PupilId == pupilId && n.ContactId is not null).Select(n => Reason(n.Reason)).ToList();
        var own = notSent.Where(n => n.PupilId == pupilId && n.ContactId is null && n.Reason != NotSentReason.NoEligibleContact).Select(n => Reason(n.Reason));
        return string.Join("; ", own.Concat(contacts.Count == 0 ? ["no contact in the MIS export"] : contacts.GroupBy(r => r).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()} contacts)")));
    }

    /// <summary>A reason as staff read it.</summary>
    public static string Reason(NotSentReason reason) => reason switch
    {
        NotSentReason.NoParentalResponsibility => "no parental responsibility",
        NotSentReason.NoCorrespondence => "does not receive correspondence",
        NotSentReason.Restricted => "contact restricted",
        NotSentReason.NoEmailAddress => "no e-mail address",
        NotSentReason.InvalidEmailAddress => "e-mail address not valid",
        NotSentReason.UnknownContact => "contact not in the MIS export",
        NotSentReason.NoEligibleContact => "no contact who may receive it",
        NotSentReason.PupilIdentityChanged => "pupil's record changed",
        NotSentReason.NoDateOfBirthForProtectedReport => "no date of birth for a protected report",
        NotSentReason.AddressSharedWithAnotherFamily => "e-mail address also given for another family",
        NotSentReason.SameAddressAsAnotherContact => "same e-mail address as another parent",
        _ => reason.ToString(),
    };
}
