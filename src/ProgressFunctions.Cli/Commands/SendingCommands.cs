using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Sending;
using Spectre.Console;

namespace ProgressFunctions.Cli.Commands;

/// <summary>What goes to families and what went: batches to review, hold and release; the ledger of sent and not sent.</summary>
internal static class SendingCommands
{
    public static Command Batches()
    {
        var school = JobCommands.SchoolOption();
        var json = new Option<bool>("--json") { Description = "Write the batches as JSON" };
        var command = new Command("batches", "List the school's batches of messages to families: state, counts and when each goes.\n\nExample: progress batches --school 100001") { school, json };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => JobCommands.Run(r, host, "batches", async (jobs, console) =>
        {
            if (await JobCommands.UnknownSchoolAsync(jobs, "batches", r.GetValue(school)!, ct) is { } unknown)
            {
                return unknown;
            }

            var batches = await jobs.Get<BatchJob>().ListAsync(r.GetValue(school)!, ct);
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(batches.Select(b => new
                {
                    id = b.Batch.Id, kind = b.Batch.Kind.ToString(), state = b.State.ToString().ToLowerInvariant(), source = b.Batch.Source, title = b.Batch.Describe(),
                    dataTo = b.Batch.DataTo, preparedOn = b.Batch.PreparedOn, releaseOn = b.Batch.ReleaseOn, messages = b.Batch.Messages,
                    pupils = b.Batch.Pupils, notReached = b.Batch.NotReached, sent = b.Sent, notSent = b.NotSent, stale = b.Stale, newerBatch = b.NewerBatch,
                    heldReason = b.Batch.HeldReason,
                }), new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }

            var table = new Table().AddColumns("Batch", "What", "State", "Data to", "Goes on", "E-mails", "Sent", "Not sent", "Pupils not reached", "Note");
            foreach (var b in batches)
            {
                table.AddRow(b.Batch.Id, Markup.Escape(b.Batch.Describe()), b.State.ToString().ToLowerInvariant(), Day(b.Batch.DataTo), GoesOn(b),
                    N(b.Batch.Messages), N(b.Sent), N(b.NotSent), N(b.Batch.NotReached),
                    Markup.Escape(string.Join("; ", new[] { b.Batch.HeldReason is { } reason ? $"held: {reason}" : null, b.Stale ? $"stale: {b.NewerBatch} is newer" : null }.OfType<string>())));
            }

            console.Write(table);
            console.WriteLine(batches.Count == 0 ? "no batches yet: a snapshot's parent reports and a day's attendance letters each make one" : batches.Count == 1 ? "1 batch" : $"{batches.Count} batches");
            return 0;
        }));
        return command;
    }

    public static Command Hold()
    {
        var (school, batch) = (JobCommands.SchoolOption(), BatchOption());
        var reason = new Option<string?>("--reason") { Description = "Why, for the other staff who see the batch" };
        var command = new Command("hold", "Stop a batch of messages to families from going (before or after its release).\n\nExample: progress hold --school 100001 --batch parents-2025-26-autumn-end --reason \"checking Year 9 grades\"") { school, batch, reason };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => JobCommands.Run(r, host, "hold", async (jobs, console) =>
            Exit(console, await jobs.Get<BatchJob>().HoldAsync(r.GetValue(school)!, r.GetValue(batch)!, r.GetValue(reason), ct))));
        return command;
    }

    public static Command Release()
    {
        var (school, batch) = (JobCommands.SchoolOption(), BatchOption());
        var stale = new Option<bool>("--include-stale") { Description = "Send it even though a newer batch of its kind exists" };
        var fewer = new Option<bool>("--include-fewer") { Description = "Send it even though, decided again on the data imported since, it reaches far fewer families than the batch reviewed" };
        var command = new Command("release", "Send a batch of messages to families now, before its review period ends.\n\nExample: progress release --school 100001 --batch parents-2025-26-autumn-end") { school, batch, stale, fewer };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => JobCommands.Run(r, host, "release", async (jobs, console) =>
        {
            var result = await jobs.Get<BatchJob>().ReleaseAsync(r.GetValue(school)!, r.GetValue(batch)!, r.GetValue(stale), r.GetValue(fewer), ct);
            if (result.Outcome == BatchActionOutcome.Done)
            {
                var sent = await jobs.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(5), ct);
                // The drain sends everything queued, staff reports waiting included, so its count is the queue's, said as such.
                console.WriteLine(result.Message + string.Create(CultureInfo.InvariantCulture,
                    $"; the queue then sent {sent.Sent} e-mails in all (this batch's and any others waiting), {sent.NotSent} not sent (progress not-sent lists why)")
                    // A failed send (the mail server down) is queued to try again, not "not sent": say so, or the line reads as if all went.
                    + (sent.Retried == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {sent.Retried} failed and wait to be tried again (progress dispatch, run-due)"))
                    + (sent.LastError is { } error ? $" (the last failure: {error})" : ""));
                return sent.NotSent > 0 || sent.Poisoned > 0 ? 1 : 0;
            }

            return Exit(console, result);
        }));
        return command;
    }

    public static Command Sent()
    {
        var school = JobCommands.SchoolOption();
        var batch = new Option<string?>("--batch") { Description = "Only this batch's messages" };
        var pupil = new Option<string?>("--pupil") { Description = "Only messages about the pupil with this UPN" };
        var csv = new Option<string?>("--csv") { Description = "Write the list to this CSV file" };
        var command = new Command("sent", "List every message sent: to whom (by id), what, when, through what, and why.\n\nExample: progress sent --school 100001 --batch parents-2025-26-autumn-end --csv sent.csv") { school, batch, pupil, csv };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => JobCommands.Run(r, host, "sent", async (jobs, console) =>
        {
            if (await JobCommands.UnknownSchoolAsync(jobs, "sent", r.GetValue(school)!, ct) is { } unknown)
            {
                return unknown;
            }

            // A mistyped batch would list nothing, as if the batch had never gone.
            if (r.GetValue(batch) is { } id && !await jobs.Get<BatchJob>().ExistsAsync(r.GetValue(school)!, id, ct))
            {
                Console.Error.WriteLine($"progress sent: {BatchJob.NoSuchBatch(r.GetValue(school)!, id)}");
                return 2;
            }

            if (r.GetValue(pupil) is { } upn && !await jobs.Get<SendLedger>().HasPupilAsync(r.GetValue(school)!, upn, ct))
            {
                Console.Error.WriteLine($"progress sent: school {r.GetValue(school)} has no pupil with UPN {upn} (--pupil takes a UPN as pupils.csv gives it)");
                return 2;
            }

            var entries = await jobs.Get<SendLedger>().SentAsync(r.GetValue(school)!, r.GetValue(batch), r.GetValue(pupil), ct);
            var rows = entries.Select(e => new[]
            {
                e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.ReportId, e.Kind.ToString(), e.RecipientKind.ToString().ToLowerInvariant(),
                e.RecipientId, e.Channel, e.ProviderMessageId, $"{e.Why} (data to {Day(e.DataTo)})", e.BatchId ?? "", string.Join(' ', e.Upns),
            }).ToList();
            Write(console, r.GetValue(csv), ["sent_at", "report", "kind", "recipient_kind", "recipient_id", "channel", "provider_message_id", "why", "batch", "upns"], rows);
            console.WriteLine($"{entries.Count} messages sent");
            return 0;
        }));
        return command;
    }

    public static Command NotSent()
    {
        var school = JobCommands.SchoolOption();
        var batch = new Option<string?>("--batch") { Description = "The batch's id (progress batches lists them)" };
        var date = new Option<string?>("--date") { Description = "A school day (yyyy-MM-dd): the staff messages its checks could not send (digests, call list, weekly messages, notices)" };
        var csv = new Option<string?>("--csv") { Description = "Write the list to this CSV file, with pupils' and contacts' names and UPNs (the terminal shows ids only)" };
        var command = new Command("not-sent", "List every family a batch does not reach, or every staff message a day's checks could not send, and why, to follow up another way.\n\n"
            + "Example: progress not-sent --school 100001 --batch parents-2025-26-autumn-end --csv not-reached.csv\nExample: progress not-sent --school 100001 --date 2026-03-20") { school, batch, date, csv };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => JobCommands.Run(r, host, "not-sent", async (jobs, console) =>
        {
            if ((r.GetValue(batch) is null) == (r.GetValue(date) is null))
            {
                Console.Error.WriteLine("progress not-sent: give either --batch (a batch's families) or --date (a school day's staff messages)");
                return 2;
            }

            if (await JobCommands.UnknownSchoolAsync(jobs, "not-sent", r.GetValue(school)!, ct) is { } unknown)
            {
                return unknown;
            }

            if (r.GetValue(date) is { } dayText)
            {
                if (!DateOnly.TryParseExact(dayText, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    Console.Error.WriteLine($"progress not-sent: --date '{dayText}' is not a date (yyyy-MM-dd or dd/MM/yyyy)");
                    return 2;
                }

                var staff = await jobs.Get<SendLedger>().NotSentOnAsync(r.GetValue(school)!, day, ct);
                Write(console, r.GetValue(csv), ["report", "kind", "recipient_id", "reason"], [.. staff.Select(e => new[] { e.ReportId, e.Kind.ToString(), e.RecipientId, e.Reason })]);
                console.WriteLine($"{staff.Count} staff messages not sent on {Day(day)}");
                return 0;
            }

            if (await jobs.Get<SendLedger>().NotReachedAsync(r.GetValue(school)!, r.GetValue(batch)!, ct) is not { } entries)
            {
                Console.Error.WriteLine($"progress not-sent: {BatchJob.NoSuchBatch(r.GetValue(school)!, r.GetValue(batch)!)}");
                return 2;
            }

            var rows = entries.Select(e => new[] { e.PupilId, e.Upn ?? "", e.PupilName ?? "", e.PupilReached ? "yes" : "no", e.ContactId ?? "", e.ContactName ?? "", e.Reason, e.Stage }).ToList();
            // Names and UPNs are personal data: the terminal (and any log it is piped to) shows the pseudonymous ids, the CSV the user asked for everything.
            Write(console, r.GetValue(csv), ["pupil_id", "upn", "pupil", "report_reaches_someone", "contact_id", "contact", "reason", "stage"], rows, onTerminal: [0, 3, 4, 6, 7]);
            if (r.GetValue(csv) is { } file)
            {
                console.WriteLine($"{file} has each pupil's and contact's name and the pupil's UPN, to follow them up another way; it holds personal data: keep it within the school");
            }
            else if (rows.Count > 0)
            {
                console.WriteLine($"pupils and contacts are shown by id; for their names and UPNs, to follow them up, write the list to a file: "
                    + $"progress not-sent --school {r.GetValue(school)} --batch {r.GetValue(batch)} --csv not-reached.csv");
            }

            console.WriteLine($"{entries.Where(e => !e.PupilReached).Select(e => e.PupilId).Distinct(StringComparer.Ordinal).Count()} pupils reached by no one; "
                + $"{entries.Count(e => e.PupilReached)} other contacts not written to (their pupil's message goes to another contact)");
            return 0;
        }));
        return command;
    }

    private static Option<string> BatchOption() => new("--batch") { Description = "The batch's id (progress batches lists them)", Required = true };

    private static int Exit(IAnsiConsole console, BatchActionResult result)
    {
        if (result.Outcome is BatchActionOutcome.NotFound or BatchActionOutcome.Stale or BatchActionOutcome.HeldFewer)
        {
            Console.Error.WriteLine(result.Message);
            return 2;
        }

        console.WriteLine(result.Message);
        return 0;
    }

    /// <summary>A table on the terminal, or a spreadsheet-safe CSV file when asked (it holds the school's own data: keep it within the school).</summary>
    /// <remarks>When <c>onTerminal</c> is given, the terminal shows only those columns: the ones without personal data (names, UPNs), which only the CSV holds.</remarks>
    private static void Write(IAnsiConsole console, string? csvPath, string[] header, IReadOnlyList<string[]> rows, int[]? onTerminal = null)
    {
        if (csvPath is not null)
        {
            File.WriteAllText(csvPath, SpreadsheetCsv.Row(header) + string.Concat(rows.Select(row => SpreadsheetCsv.Row(row))), SpreadsheetCsv.Encoding);
            console.WriteLine($"wrote {rows.Count} rows to {csvPath}");
            return;
        }

        string[] Shown(string[] row) => onTerminal is null ? row : [.. onTerminal.Select(i => row[i])];
        var table = new Table().AddColumns(Shown(header));
        foreach (var row in rows)
        {
            table.AddRow([.. Shown(row).Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    /// <summary>The day a batch goes by itself, or the day in England it was released.</summary>
    // A held or overtaken batch has no day it goes on its own: only a release sends it (an overtaken one only with --include-stale).
    private static string GoesOn(BatchView view) => view.Batch switch
    {
        { ReleasedAt: { } at } => $"{Day(Core.Schools.SchoolClock.DateAt(at))} (released)",
        _ when view.Stale => "only with --include-stale",
        { State: BatchState.Held } => "only if released",
        var batch => Day(batch.ReleaseOn),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
