using Microsoft.Extensions.Logging;
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

public sealed record IngestResult(IngestOutcome Outcome, string Message, MergeSummary? Summary = null, int Errors = 0, int Warnings = 0, string? RejectedPath = null)
{
    /// <summary>The errors that kept a whole file out (<see cref="ImportIssue.StopsItsFile"/>), not one row: what a person must see first.</summary>
    public IReadOnlyList<ImportIssue> FileErrors { get; init; } = [];

    /// <summary>The warnings, those sent to the data managers first, then those about a whole file or its header: what the person importing should read now, not only in the errors file.</summary>
    public IReadOnlyList<ImportIssue> WarningsFirstToRead { get; init; } = [];

    /// <summary>The errors that refused a row (or a pupil's rows), not a whole file, in the order read.</summary>
    public IReadOnlyList<ImportIssue> RowErrors { get; init; } = [];
}

/// <summary>Ingest an MIS export: read it, validate it row by row, merge it into what is stored, and store it.</summary>
/// <remarks>
/// <para>
/// One import of a school at a time: the school's <see cref="ImportLock"/> is held from reading what is stored to
/// writing the result, so two exports arriving together are merged one after the other, the second into what the
/// first stored. The export is stored completely or not at all (<see cref="ImportLock.CommitAsync"/>), and the
/// import receipt, keyed by the SHA-256 of the file, is written only after the data, so the same bytes uploaded again
/// do nothing and a crash before the receipt re-runs a merge that changes nothing already stored.
/// </para>
/// <para>
/// Which of two exports is newer is decided by the time the file says it was made (CTF header, or <c>exportedAt</c>
/// in school.json), so an old file uploaded late cannot undo corrections; a file that does not say is taken as made
/// when it is ingested. The export must be the school's own (<see cref="ExportSchool"/>), and its pupils the pupils
/// stored under the same ids (<see cref="PupilIdentity"/>). Row errors never stop the valid rows; they are written
/// to <c>mis-exports-rejected/{schoolId}/{name}.{sha}.errors.csv</c> (the first 12 hex digits of the file's SHA-256,
/// so next week's export of the same name is its own report) and the school's data managers are told. A file that
/// cannot be read at all stores nothing; its reason is written beside it as <c>...reason.txt</c> and sent to them too.
/// </para>
/// </remarks>
public sealed class IngestJob(IDocumentStore documents, IBlobStore blobs, OutgoingStore outgoing, TimeProvider clock, IJobProgress progress, ILogger<IngestJob> logger)
{
    /// <summary>How long an import waits for another import of the same school to finish.</summary>
    public static TimeSpan LockWait { get; } = TimeSpan.FromMinutes(2);

    public async Task<IngestResult> RunAsync(string schoolId, string exportName, Stream export, CancellationToken cancellationToken)
    {
        var result = await IngestAsync(schoolId, exportName, export, cancellationToken);
        // School id and counts only: an export's file name and its rows may name pupils.
        logger.LogInformation("Ingest for school {SchoolId}: {Outcome}, {Errors} row errors, {Warnings} warnings",
            schoolId, result.Outcome, result.Errors, result.Warnings);
        return result;
    }

    private async Task<IngestResult> IngestAsync(string schoolId, string exportName, Stream export, CancellationToken cancellationToken)
    {
        if (Schools.RecordId.Check(schoolId, "the school id") is { } badSchool)
        {
            return new IngestResult(IngestOutcome.Unreadable, $"{exportName}: {badSchool}");
        }

        var bytes = await ReadAllAsync(export, cancellationToken);
        var import = new ImportRef(Convert.ToHexStringLower(SHA256.HashData(bytes)), exportName);
        if (await ReceiptAsync(schoolId, import, cancellationToken) is { } done)
        {
            return done;
        }

        var held = await ImportLock.AcquireAsync(documents, clock, schoolId, LockWait, cancellationToken);
        try
        {
            // Another import of these very bytes may have finished while this one waited.
            return await ReceiptAsync(schoolId, import, cancellationToken)
                ?? await ImportAsync(held, schoolId, import, bytes, cancellationToken);
        }
        finally
        {
            await held.ReleaseAsync(CancellationToken.None);
        }
    }

    private async Task<IngestResult> ImportAsync(ImportLock held, string schoolId, ImportRef import, byte[] bytes, CancellationToken cancellationToken)
    {
        progress.Report("reading export", 0, 1);
        var state = await SchoolState.LoadUnguardedAsync(documents, schoolId, ProgressLoad.Every, cancellationToken);
        var read = ExportFile.Read(bytes, import.Name, state.Profile);
        var refusal = read.Error ?? (read.Export is null ? $"{import.Name} could not be read" : null)
            ?? (read.Export!.Profile is null && state.Profile is null
                ? $"{import.Name} has no usable school.json and none is stored for school {schoolId}: " +
                  string.Join("; ", read.Export.Issues.Where(i => i.File == "school.json").Select(i => i.Reason).DefaultIfEmpty("school.json is missing"))
                : null)
            ?? ExportSchool.Mismatch(schoolId, read.Export, read.SchoolJson is not null, state.Profile)
            ?? NoPupils(read.Export);
        if (refusal is not null)
        {
            var reasonPath = await RejectAsync(state, import, refusal, cancellationToken);
            return new IngestResult(IngestOutcome.Unreadable, refusal, RejectedPath: reasonPath);
        }

        var checkedExport = StoredChecks.Apply(read.Export!, state.ToStored());
        if (checkedExport.Refusal is { } refused)
        {
            return new IngestResult(IngestOutcome.Unreadable, refused, RejectedPath: await RejectAsync(state, import, refused, cancellationToken));
        }

        var exportRead = checkedExport.Export!;

        var now = clock.GetUtcNow();
        // Read here, not with the school's state: only the import compares with it, and every job loads the state.
        var shared = await documents.ReadAsync<SharedAddressList>(schoolId, DocumentTypes.SharedAddresses, DocumentTypes.SharedAddresses, cancellationToken);
        var plan = IngestPlan.For(state, exportRead, exportRead.Profile is null ? null : read.SchoolJson, exportRead.ExportedAt ?? now, shared?.Body);
        var onRoll = state.Pupils.Values.Count(p => p.Pupil.LeavingDate is null);
        if (ExportSchool.RollReplaced(schoolId, onRoll, plan.Summary.LeaversMarked, exportRead.Profile, state.Profile) is { } replaced)
        {
            return new IngestResult(IngestOutcome.Unreadable, replaced, RejectedPath: await RejectAsync(state, import, replaced, cancellationToken));
        }

        progress.Report("storing", 0, 1);
        await held.CommitAsync(import, plan.Writes(), cancellationToken);
        progress.Report("storing", 1, 1);
        if (plan.Profile is not null)
        {
            // Listed only once its data is stored, so run-due never meets a school with nothing in it.
            await documents.UpsertAsync(new Document<SchoolEntry>(DocumentTypes.RegistryPartition, DocumentTypes.School, schoolId,
                new SchoolEntry(schoolId, exportRead.Profile?.Name ?? schoolId)), cancellationToken);
        }

        var rejected = await RejectRowsAsync(schoolId, import, exportRead, exportRead.Profile ?? state.Profile, plan.Staff ?? state.Staff, cancellationToken);
        await documents.CreateIfAbsentAsync(new Document<ImportReceipt>(schoolId, DocumentTypes.ImportReceipt, import.Sha256,
            new ImportReceipt(import.Name, import.Sha256, now, exportRead.RecordsRead, exportRead.ErrorCount, exportRead.WarningCount)), cancellationToken);
        IReadOnlyList<ImportIssue> fileErrors = [.. exportRead.Issues.Where(i => i.StopsItsFile)];
        IReadOnlyList<ImportIssue> rowErrors = [.. exportRead.Issues.Where(i => i.IsError && !i.StopsItsFile)];
        return new IngestResult(IngestOutcome.Stored, Describe(import.Name, plan.Summary, exportRead, fileErrors, rowErrors.Count), plan.Summary, exportRead.ErrorCount, exportRead.WarningCount, rejected)
        {
            FileErrors = fileErrors,
            RowErrors = rowErrors,
            WarningsFirstToRead = [.. exportRead.Issues.Where(i => !i.IsError).OrderByDescending(i => i.TellDataManagers).ThenByDescending(i => i.IsAboutWholeFile)],
        };
    }

    /// <summary>Why an export without a single usable pupil is refused whole; null when it has one.</summary>
    /// <remarks>
    /// Every other row names a pupil, so all of them would be refused one by one (tens of thousands of "no such pupil"
    /// rows, exit 1) while the one cause, a pupils.csv holding only its header or not read at all, went unsaid.
    /// </remarks>
    private static string? NoPupils(SchoolExport export) =>
        export.Pupils.Count > 0 ? null
            : "no pupil could be read from it ("
              + (export.Issues.Where(i => string.Equals(i.File, Imports.Csv.PupilsCsv.FileName, StringComparison.OrdinalIgnoreCase) && i.IsError)
                     .OrderByDescending(i => i.StopsItsFile).FirstOrDefault()?.Reason
                 ?? "pupils.csv holds no rows")
              + "), so every other row would be refused: nothing was imported. Export the whole roll again";

    /// <summary>When the newest export stored was made: its school.json's time, or the latest time a stored mark carries; null when nothing is stored.</summary>
    private async Task<IngestResult?> ReceiptAsync(string schoolId, ImportRef import, CancellationToken cancellationToken) =>
        await documents.ReadAsync<ImportReceipt>(schoolId, DocumentTypes.ImportReceipt, import.Sha256, cancellationToken) is { } receipt
            ? new IngestResult(IngestOutcome.AlreadyImported, $"{import.Name} was already imported on {receipt.Body.ImportedAt:yyyy-MM-dd HH:mm} UTC as {receipt.Body.Name}; nothing to do")
            : null;

    /// <summary>Where this export's report goes: <c>mis-exports-rejected/{school}/{name}.{sha12}</c> plus a suffix.</summary>
    private static BlobPath RejectedPath(string schoolId, ImportRef import, string suffix) =>
        BlobPath.Parse($"{JobResources.RejectedContainer}/{schoolId}/{SafeName(import.Name)}.{import.Sha256[..12]}.{suffix}");

    /// <summary>Writes why the export was refused beside where it is kept, and tells the data managers.</summary>
    private async Task<string> RejectAsync(SchoolState state, ImportRef import, string reason, CancellationToken cancellationToken)
    {
        var path = RejectedPath(state.SchoolId, import, "reason.txt");
        var text = $"{import.Name} was not imported: {reason}\r\nSHA-256 {import.Sha256}\r\n";
        await blobs.PutAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(text)), "text/plain", cancellationToken: cancellationToken);
        await NotifyDataManagersAsync(state.SchoolId, state.Profile, state.Staff, path, import.Name, [$"Nothing of it was imported: {reason}"], cancellationToken);
        return path.Value;
    }

    private async Task<string?> RejectRowsAsync(string schoolId, ImportRef import, SchoolExport export, SchoolProfile? profile, StaffDirectory staff, CancellationToken cancellationToken)
    {
        if (export.Issues.Count == 0)
        {
            return null;
        }

        var path = RejectedPath(schoolId, import, "errors.csv");
        await blobs.PutAsync(path, new MemoryStream(Reports.SpreadsheetCsv.Bytes(ImportErrorsCsv.Write(export.Issues))), "text/csv", cancellationToken: cancellationToken);
        if (export.HasErrors || export.Issues.Any(i => i.TellDataManagers))
        {
            await NotifyDataManagersAsync(schoolId, profile, staff, path, import.Name, ImportErrorsCsv.Summary(export.Issues), cancellationToken);
        }

        return path.Value;
    }

    /// <summary>Decides one message to each data manager with the file; when the school has none who can be reached, records that.</summary>
    private async Task NotifyDataManagersAsync(
        string schoolId, SchoolProfile? profile, StaffDirectory staff, BlobPath file, string importName, IReadOnlyList<string> summary, CancellationToken cancellationToken)
    {
        var school = profile is null ? new Sending.Letterhead(schoolId, $"the school's data manager") : Sending.Letterheads.Of(profile);
        var why = new Sending.SendReason($"import of {file.Name[(file.Name.LastIndexOf('/') + 1)..]}", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var (messages, unreachable) = Sending.StaffNotices.ToDataManagers(ReportKind.ImportErrors, file.Value,
            new Reports.Routing.SchoolDirectory([], [], [], staff.Staff, staff.Roles), school, why, importName, summary);
        await outgoing.DecideAsync(schoolId, messages, cancellationToken);
        var now = clock.GetUtcNow();
        List<UndeliveredRecord> notReached = [.. unreachable.Select(id => new UndeliveredRecord($"{ReportKind.ImportErrors}.{file.Value}", ReportKind.ImportErrors, id, [], "the data manager has no valid e-mail address", now))];
        if (messages.Count == 0 && notReached.Count == 0)
        {
            notReached.Add(new UndeliveredRecord($"{ReportKind.ImportErrors}.{file.Value}", ReportKind.ImportErrors, "data-managers", [], "the school has no data manager in its staff list", now));
        }

        await outgoing.RecordUndeliveredAsync(schoolId, notReached, cancellationToken);
    }

    // A file refused whole is said as such, not counted as "1 row error": a cut-off attendance.csv imported no mark at all.
    private static string Describe(string name, MergeSummary s, SchoolExport export, IReadOnlyList<ImportIssue> fileErrors, int rowErrors)
    {
        var files = fileErrors.Select(i => i.File).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var refused = files.Count == 0 ? "" : $", {Counted(files.Count, "file")} not imported ({string.Join(", ", files)})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Counted(s.PupilsAdded, "pupil")} added, {s.PupilsUpdated} updated, {Counted(s.LeaversMarked, "leaver")} marked, {Counted(s.ContactsChanged, "contact")} added or changed, {s.PupilsWithLinksChanged} {(s.PupilsWithLinksChanged == 1 ? "pupil's" : "pupils'")} contact links changed, {Counted(s.MarksChanged, "mark")} changed, {Counted(s.AssessmentsChanged, "result")} changed; {Counted(rowErrors, "row error")}{refused}, {Counted(export.WarningCount, "warning")}");
    }

    private static string Counted(int count, string what) => string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? "" : "s")}");

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')).TrimStart('.');

    // An export of known length is read into one array of its size; a growing buffer and its copy made four or five
    // arrays of up to the file's size (megabytes, so on the large object heap) for every import.
    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length - stream.Position is var length and <= int.MaxValue)
        {
            var bytes = new byte[length];
            // A file cut short while it is read gives what it had, as a copy to its end would.
            var read = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
            return read == bytes.Length ? bytes : bytes[..read];
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
