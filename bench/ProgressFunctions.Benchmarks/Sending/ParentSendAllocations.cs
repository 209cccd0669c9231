using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Infrastructure.Reports.Pdf;

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
        using var setup = new ParentSendSetup();
        var totals = new long[s_steps.Length];
        long pdfBytes = 0;
        for (var n = 0; n < reports * 2; n++)
        {
            var step = Once(setup, n, out var size);
            if (n >= reports)   // the first half warms up
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
                File.WriteAllBytes(Path.Combine(samples, $"parent-{i}.pdf"), new PdfReportRenderer().Render(ParentReport.Build(setup.Parents[i])));
            }
        }

        return 0;
    }

    private static long[] Once(ParentSendSetup setup, int n, out int size)
    {
        var input = setup.Parents[n % setup.Parents.Length];
        var at = new long[s_steps.Length + 1];
        at[0] = GC.GetTotalAllocatedBytes(precise: true);
        var document = ParentReport.Build(input);
        at[1] = GC.GetTotalAllocatedBytes(precise: true);
        using var drawn = PdfReportRenderer.Draw(document);
        at[2] = GC.GetTotalAllocatedBytes(precise: true);
        var pdf = PdfReportRenderer.Save(drawn, document);
        at[3] = GC.GetTotalAllocatedBytes(precise: true);
        setup.Storage.Blobs.PutAsync(BlobPath.Parse($"reports/bench/{document.FileName}"), new MemoryStream(pdf), "application/pdf").GetAwaiter().GetResult();
        at[4] = GC.GetTotalAllocatedBytes(precise: true);
        var message = setup.Message(n, input, document, pdf);
        at[5] = GC.GetTotalAllocatedBytes(precise: true);
        setup.Outbox.SendAsync(message, CancellationToken.None).GetAwaiter().GetResult();
        at[6] = GC.GetTotalAllocatedBytes(precise: true);
        size = pdf.Length;
        return [.. Enumerable.Range(0, s_steps.Length).Select(i => at[i + 1] - at[i])];
    }
}
