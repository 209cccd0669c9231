using System.Globalization;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Sending;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Batches;

/// <summary>What the preview of a batch says: what goes, to how many, when, who will not be reached and why.</summary>
/// <remarks><see cref="PupilName"/> names a pupil by id (the school's own staff read the preview); the commands hold and release it.</remarks>
public sealed record BatchPreviewInput(string SchoolName, Batch Batch, string What, IReadOnlyList<NotSent> NotReached, Func<string, string> PupilName, string HoldCommand, string ReleaseCommand);

/// <summary>The one-page summary staff review before a batch of messages goes to families.</summary>
public static class BatchPreview
{
    public static ReportDocument Build(BatchPreviewInput input)
    {
        var batch = input.Batch;
        var release = batch.ReleaseOn.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"The {input.What} are ready to go to families. They are sent on {release} unless someone holds them; nothing has been sent to any family yet."),
            new KeyFacts([
                new KeyFact("E-mails to families", Count(batch.Messages)),
                new KeyFact("Pupils covered", Count(batch.Pupils)),
                new KeyFact("Pupils not reached", Count(batch.NotReached), batch.NotReached > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Goes on", release),
            ]),
            new Heading("What to do"),
            new Paragraph($"To stop it while you check something: {input.HoldCommand}. To send it before then: {input.ReleaseCommand}."),
        };
        if (input.NotReached.Count > 0)
        {
            blocks.Add(new Heading($"Families who will not be reached ({Count(input.NotReached.Count)})"));
            blocks.Add(new TableBlock(
                [new TableColumn("Reason", 3), new TableColumn("Pupils", 1, Align.Right)],
                [.. input.NotReached.GroupBy(n => n.Reason).OrderByDescending(g => g.Count()).Select(g => new TableRow([Reason(g.Key), Count(g.Select(n => n.PupilId).Distinct().Count())]))]));
            blocks.Add(new TableBlock(
                [new TableColumn("Pupil", 2), new TableColumn("Contact", 1), new TableColumn("Reason", 3)],
                [.. input.NotReached.OrderBy(n => input.PupilName(n.PupilId), StringComparer.Ordinal).Select(n => new TableRow([input.PupilName(n.PupilId), n.ContactId ?? "-", Reason(n.Reason)], Tone.Caution))],
                "The attached CSV holds the same list, to work through."));
        }

        return new ReportDocument($"To review before it goes: {input.What}", $"Batch {batch.Id}", input.SchoolName, batch.PreparedOn, blocks)
        {
            FileName = $"review-{batch.Id}.pdf",
        };
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
        _ => reason.ToString(),
    };
}
