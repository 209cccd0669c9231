using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Sending;

/// <summary>
/// Where the bytes of one parent report go: the same steps as <see cref="ParentSendBenchmarks"/>, each between two
/// readings of the process's allocated bytes, averaged over many reports after a warm-up.
/// </summary>
/// <remarks>The process-wide count is used because the stores' writes may finish on a pool thread; run it on an idle process.</remarks>
internal static class ParentSendAllocations
{
    private static readonly string[] s_steps = ["model build", "PDF draw", "PDF save", "blob put", "e-mail compose", "MIME write to outbox"];

    public static int Run(int reports, TextWriter output, string? samples = null)
    {
        var asOf = new DateOnly(2026, 3, 13);
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, asOf));
        TermSnapshot snapshot = school.Snapshot();
        var parents = snapshot.Pupils.Select(p => ParentReportInput.For(snapshot, p.PupilId, school.Name, snapshot.AsOf, school.Directory, "the school office") with
        {
            Scales = school.Profile.Scales,
        }).ToArray();
        var directory = Path.Combine(Path.GetTempPath(), "progress-bench-alloc-" + Guid.NewGuid().ToString("N"));
        var storage = EmbeddedStorage.Open(directory);
        var outbox = new OutboxEmailSender(Path.Combine(directory, "outbox"), EmailAddress.Parse("reports@school.example"), null,
            TimeProvider.System, NullLogger<OutboxEmailSender>.Instance);
        try
        {
            var totals = new long[s_steps.Length];
            long pdfBytes = 0;
            for (var n = 0; n < reports * 2; n++)
            {
                var measured = n >= reports;   // the first half warms up
                var step = Once(parents[n % parents.Length], n, school.Name, storage, outbox, out var size);
                if (measured)
                {
                    pdfBytes += size;
                    for (var i = 0; i < totals.Length; i++)
                    {
                        totals[i] += step[i];
                    }
                }
            }

            output.WriteLine($"{reports} parent reports, mean PDF {pdfBytes / reports / 1024.0:N1} KB");
            for (var i = 0; i < totals.Length; i++)
            {
                output.WriteLine($"{s_steps[i],-24}{totals[i] / reports / 1024.0,10:N1} KB");
            }

            output.WriteLine($"{"total",-24}{totals.Sum() / reports / 1024.0,10:N1} KB");
            if (samples is not null)
            {
                // A few reports written out after the measuring, to look at and compare between versions.
                Directory.CreateDirectory(samples);
                foreach (var i in new[] { 0, 1, 2, 3, 42, 100 })
                {
                    File.WriteAllBytes(Path.Combine(samples, $"parent-{i}.pdf"), new PdfReportRenderer().Render(ParentReport.Build(parents[i])));
                }
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long[] Once(ParentReportInput input, int n, string schoolName, EmbeddedStorage storage, OutboxEmailSender outbox, out int size)
    {
        var at = new long[s_steps.Length + 1];
        at[0] = GC.GetTotalAllocatedBytes(precise: true);
        var document = ParentReport.Build(input);
        at[1] = GC.GetTotalAllocatedBytes(precise: true);
        using var drawn = PdfReportRenderer.Draw(document);
        at[2] = GC.GetTotalAllocatedBytes(precise: true);
        var pdf = PdfReportRenderer.Save(drawn, document);
        at[3] = GC.GetTotalAllocatedBytes(precise: true);
        storage.Blobs.PutAsync(BlobPath.Parse($"reports/bench/{document.FileName}"), new MemoryStream(pdf), "application/pdf").GetAwaiter().GetResult();
        at[4] = GC.GetTotalAllocatedBytes(precise: true);
        var name = input.Directory.Pupil(input.Pupil.PupilId)?.DisplayName ?? input.Pupil.PupilId;
        var email = ReportEmailComposer.ForParent(new ParentEmailInput(schoolName, "Alex Carer", "spring term 2025/26",
            [new ChildReport(name, document.AttachedAs)], "the school office"));
        var message = new EmailMessage
        {
            MessageKey = $"bench-{n}",
            To = [EmailAddress.Parse("carer@family.example")],
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            Attachments = [EmailAttachment.Pdf(document.AttachedAs, pdf)],
        };
        at[5] = GC.GetTotalAllocatedBytes(precise: true);
        outbox.SendAsync(message, CancellationToken.None).GetAwaiter().GetResult();
        at[6] = GC.GetTotalAllocatedBytes(precise: true);
        size = pdf.Length;
        return [.. Enumerable.Range(0, s_steps.Length).Select(i => at[i + 1] - at[i])];
    }
}
