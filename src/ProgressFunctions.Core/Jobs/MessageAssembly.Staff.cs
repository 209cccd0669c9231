using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

// A member of staff's report e-mail, and the workbook beside a subject or year-group report.
internal sealed partial class MessageAssembly
{
    private async Task<PreparedMessage> StaffReportAsync(string school, OutgoingMessage message, StaffReportPayload payload, CancellationToken cancellationToken)
    {
        var staff = await StaffAsync(school, cancellationToken);
        var refusal = StaffRefusal(message, staff) ?? (StaffDocuments.StillCovers(message.Kind, payload.Scope, message.Recipient.Id, staff) ? null
            : $"staff {message.Recipient.Id} no longer holds the role this {message.Kind} report goes to");
        if (refusal is not null)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], refusal)]);
        }

        var snapshot = await SnapshotAsync(school, payload.SnapshotId, cancellationToken);
        if (StaffDocuments.Build(message.Kind, payload.Scope, snapshot, message.School, snapshot.Directory(StaffMembers(staff))) is not { } document)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], $"the snapshot has no {message.Kind} report for {payload.Scope ?? "the school"}")]);
        }

        var workbook = await WorkbookAsync(school, message, payload, snapshot, cancellationToken);
        var email = ReportEmailComposer.ForStaff(new StaffEmailInput(message.School.SchoolName, message.Recipient.DisplayName, document.Title,
            Reports.ReportFormat.PeriodLabel(snapshot.Key), document.FileName)
        {
            WorkbookFileName = workbook?.FileName,
            NamesNoPupil = message.Kind == ReportKind.Governors,
        });
        return new PreparedMessage(new PreparedMail(message.To, [(document, message.ReportId)], email, ReportDispatcher.TermFolder(snapshot.Key))
        {
            Workbook = workbook,
            WorkbookKey = message.ReportId + ".xlsx",
        }, []);
    }

    /// <summary>The subject leader's or year leader's workbook: every assessment point of the year up to the snapshot, by group.</summary>
    /// <remarks>
    /// The snapshot holds each subject's latest result; the earlier points come from the school's stored results dated
    /// on or before the snapshot's cut-off, read once per snapshot and kept while its reports are sent.
    /// </remarks>
    private async Task<ProgressWorkbook?> WorkbookAsync(string school, OutgoingMessage message, StaffReportPayload payload, TermSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (workbooks is null || message.Kind is not (ReportKind.Subject or ReportKind.YearGroup) || payload.Scope is not { } scope)
        {
            return null;
        }

        var history = await results.GetAsync(school, payload.SnapshotId, async () =>
            (IReadOnlyList<Progress.AssessmentResult>)await documents.ListAsync<PupilProgress>(school, DocumentTypes.Progress, cancellationToken)
                .SelectMany(p => p.Body.Results.Where(r => r.Date <= snapshot.AsOf).ToAsyncEnumerable()).ToListAsync(cancellationToken));
        var input = new WorkbookInput(message.School.SchoolName, snapshot, snapshot.Directory(), history, Letterheads.Scales(message.School));
        return message.Kind == ReportKind.Subject ? SubjectWorkbook.ForSubject(input, scope)
            : int.TryParse(scope, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) ? SubjectWorkbook.ForYearGroup(input, year) : null;
    }
}
