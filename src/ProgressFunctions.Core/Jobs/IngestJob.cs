using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

public enum IngestOutcome
{
    Stored,
    AlreadyImported,
    Unreadable,
}

public sealed record IngestResult(IngestOutcome Outcome, string Message, MergeSummary? Summary = null, int Errors = 0, int Warnings = 0, string? RejectedPath = null);

/// <summary>Ingest an MIS export: read it, validate it row by row, merge it into what is stored, and store it.</summary>
/// <remarks>
/// Which of two exports is newer is decided by the time the file says it was made (CTF header, or <c>exportedAt</c>
/// in school.json), so an old file uploaded late cannot undo corrections; a file that does not say is taken as made
/// when it is ingested. Idempotent: a receipt keyed by the SHA-256 of the file is written last, so the same bytes uploaded again do
/// nothing, and a crash before the receipt re-runs a merge that changes nothing already stored. A file that cannot
/// be read at all stores nothing. Row errors never stop the valid rows; they are written to
/// <c>mis-exports-rejected/{schoolId}/{name}.{sha}.errors.csv</c> (the first 12 hex digits of the file's SHA-256, so
/// next week's export of the same name is its own report) and the school's data managers are told.
/// </remarks>
public static class IngestJob
{
    public static async Task<IngestResult> RunAsync(JobContext context, string schoolId, string exportName, Stream export, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllAsync(export, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await context.Documents.ReadAsync<ImportReceipt>(schoolId, DocumentTypes.ImportReceipt, sha, cancellationToken) is { } receipt)
        {
            return new IngestResult(IngestOutcome.AlreadyImported, $"{exportName} was already imported on {receipt.Body.ImportedAt:yyyy-MM-dd HH:mm} UTC as {receipt.Body.Name}; nothing to do");
        }

        context.Progress.Report("reading export", 0, 1);
        var state = await SchoolState.LoadAsync(context, schoolId, cancellationToken);
        var read = ExportFile.Read(bytes, exportName, state.Profile);
        if (read.Error is not null || read.Export is null)
        {
            return new IngestResult(IngestOutcome.Unreadable, read.Error ?? $"{exportName} could not be read");
        }

        if (read.Export.Profile is null && state.Profile is null)
        {
            return new IngestResult(IngestOutcome.Unreadable, $"{exportName} has no usable school.json and none is stored for school {schoolId}: " +
                string.Join("; ", read.Export.Issues.Where(i => i.File == "school.json").Select(i => i.Reason).DefaultIfEmpty("school.json is missing")));
        }

        var now = context.Clock.GetUtcNow();
        var plan = IngestPlan.For(state, read.Export, read.Export.Profile is null ? null : read.SchoolJson, read.Export.ExportedAt ?? now);
        await WriteAsync(context, schoolId, read.Export.Profile?.Name, plan, cancellationToken);
        var rejected = await RejectRowsAsync(context, schoolId, $"{exportName}.{sha[..12]}", read.Export, cancellationToken);
        await context.Documents.CreateIfAbsentAsync(new Document<ImportReceipt>(schoolId, DocumentTypes.ImportReceipt, sha,
            new ImportReceipt(exportName, sha, now, read.Export.RecordsRead, read.Export.ErrorCount, read.Export.WarningCount)), cancellationToken);
        return new IngestResult(IngestOutcome.Stored, Describe(exportName, plan.Summary, read.Export), plan.Summary, read.Export.ErrorCount, read.Export.WarningCount, rejected);
    }

    private static async Task WriteAsync(JobContext context, string schoolId, string? name, IngestPlan plan, CancellationToken cancellationToken)
    {
        var documents = context.Documents;
        if (plan.Profile is { } profile)
        {
            await documents.UpsertAsync(new Document<StoredProfile>(schoolId, DocumentTypes.Profile, DocumentTypes.Profile, profile), cancellationToken);
            await documents.UpsertAsync(new Document<SchoolEntry>(DocumentTypes.RegistryPartition, DocumentTypes.School, schoolId, new SchoolEntry(schoolId, name ?? schoolId)), cancellationToken);
        }

        context.Progress.Report("storing", 0, 4);
        await documents.BulkUpsertAsync(plan.Pupils.Select(p => new Document<PupilRecord>(schoolId, DocumentTypes.Pupil, p.Pupil.Id, p)), cancellationToken);
        await documents.BulkUpsertAsync(plan.Contacts.Select(c => new Document<Schools.Contact>(schoolId, DocumentTypes.Contact, c.Id, c)), cancellationToken);
        context.Progress.Report("storing", 2, 4);
        await documents.BulkUpsertAsync(plan.Attendance.Select(a => new Document<AttendanceYear>(schoolId, DocumentTypes.Attendance, AttendanceYearCodec.DocumentId(a.PupilId, new Schools.AcademicYear(a.Year)), a)), cancellationToken);
        await documents.BulkUpsertAsync(plan.Progress.Select(p => new Document<PupilProgress>(schoolId, DocumentTypes.Progress, p.PupilId, p)), cancellationToken);
        if (plan.Staff is { } staff)
        {
            await documents.UpsertAsync(new Document<StaffDirectory>(schoolId, DocumentTypes.Staff, DocumentTypes.Staff, staff), cancellationToken);
        }

        context.Progress.Report("storing", 4, 4);
    }

    private static async Task<string?> RejectRowsAsync(JobContext context, string schoolId, string exportName, SchoolExport export, CancellationToken cancellationToken)
    {
        if (export.Issues.Count == 0)
        {
            return null;
        }

        var path = BlobPath.Parse($"{JobResources.RejectedContainer}/{schoolId}/{SafeName(exportName)}.errors.csv");
        var csv = new StringBuilder("file,line,column,value,reason,severity\n");
        foreach (var issue in export.Issues)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Csv(issue.File)},{issue.Line},{Csv(issue.Column)},{Csv(issue.Value)},{Csv(issue.Reason)},{issue.Severity.ToString().ToLowerInvariant()}\n");
        }

        await context.Blobs.PutAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "text/csv", cancellationToken: cancellationToken);
        if (export.HasErrors)
        {
            await context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
            await context.Queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(
                new ReportRequest(schoolId, ReportKind.ImportErrors, path.Value, "data-managers")), cancellationToken);
        }

        return path.Value;
    }

    private static string Describe(string name, MergeSummary s, SchoolExport export) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {s.PupilsAdded} pupils added, {s.PupilsUpdated} updated, {s.LeaversMarked} leavers marked, {s.MarksChanged} marks changed, {s.AssessmentsChanged} results changed; {export.ErrorCount} row errors, {export.WarningCount} warnings");

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));

    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
