using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

// What a run decides beside the digests: the morning call list, the export-overdue notice and the parent letters.
public sealed partial class AttendanceCheckJob
{
    /// <summary>Tells the data managers the export is overdue; the same spell decides the same messages, which the ledger sends once.</summary>
    private async Task DecideExportOverdueAsync(CheckDecisions.CheckRunInputs run, Reports.DataManagers.ExportOverdue overdue, List<NotDecided> staffNotReached, CancellationToken cancellationToken)
    {
        var (messages, notReached) = ExportOverdueDecisions.For(run, overdue);
        await outgoing.DecideAsync(run.SchoolId, messages, cancellationToken);
        await RecordNotReachedAsync(run, notReached, cancellationToken);
        staffNotReached.AddRange(notReached);
    }

    /// <summary>Decides the morning call list: the first run of the day that finds today's marks, once.</summary>
    private async Task<string> DecideCallListAsync(SchoolState state, CheckDecisions.CheckRunInputs run, List<NotDecided> staffNotReached, CancellationToken cancellationToken)
    {
        var (messages, notReached) = CallListDecisions.For(run, (pupil, session) => state.LateReasonFor(pupil, run.AsOf, session));
        await outgoing.DecideAsync(run.SchoolId, messages, cancellationToken);
        await RecordNotReachedAsync(run, notReached, cancellationToken);
        staffNotReached.AddRange(notReached);
        return messages.Count == 1 ? "1 call list queued" : $"{messages.Count} call lists queued";
    }

    /// <summary>Prepares the parent letters that are due (opt-in) as a batch for staff to review, then records each stage so it is written about once a year.</summary>
    private async Task<int> PrepareLettersAsync(SchoolState state, CheckDecisions.CheckRunInputs run, List<PupilAttendanceView> views, CancellationToken cancellationToken)
    {
        var rules = state.Profile!.Settings.ParentLetters;
        if (!rules.Enabled)
        {
            return 0;
        }

        var sent = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in documents.ListAsync<LetterDue>(state.SchoolId, DocumentTypes.Letter, cancellationToken))
        {
            sent.UnionWith(record.Body.Settles.Select(s => LetterDue.StageId(record.Body.PupilId, record.Body.Year, s)));
        }

        var due = ParentLetters.Due(views, rules, sent, run.AsOf).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var batchId = $"letters-{run.RunId}";
        var (letters, notReached) = CheckDecisions.Letters(run, due, rules, batchId);
        await batches.PrepareAsync(state, BatchKind.AttendanceLetters, batchId, run.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            $"attendance letters of {Reports.ReportFormat.Date(run.AsOf)}", run.RegisterDate ?? run.AsOf, run.AsOf, letters, notReached, cancellationToken);
        await documents.BulkUpsertAsync(due.Select(letter => new Document<LetterDue>(state.SchoolId, DocumentTypes.Letter, letter.Id, letter)), cancellationToken);
        return letters.Count;
    }
}
