using System.Diagnostics;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Benchmarks.Sending;

/// <summary>
/// Where the bytes and the time of one parent report go: the same steps as <see cref="ParentSendBenchmarks"/>, each
/// between two readings of the process's allocated bytes and of the clock, averaged over many reports after a warm-up.
/// </summary>
/// <remarks>The process-wide count is used because the stores' writes may finish on a pool thread; run it on an idle process.</remarks>
internal static class ParentSendAllocations
{
    private static readonly string[] s_steps = ["model build", "PDF draw", "PDF save", "blob put", "e-mail compose", "MIME write to outbox"];

    public static int Run(int reports, TextWriter output, string? samples = null)
    {
        using var setup = new ParentSendSetup();
        var totals = new long[s_steps.Length];
        var ticks = new long[s_steps.Length];
        long pdfBytes = 0;
        for (var n = 0; n < reports * 2; n++)
        {
            var (bytes, times) = Once(setup, n, out var size);
            if (n >= reports)   // the first half warms up
            {
                pdfBytes += size;
                for (var i = 0; i < totals.Length; i++)
                {
                    totals[i] += bytes[i];
                    ticks[i] += times[i];
                }
            }
        }

        output.WriteLine($"{reports} parent reports, mean PDF {pdfBytes / reports / 1024.0:N1} KB");
        output.WriteLine($"{"step",-24}{"allocated",13}{"time",12}");
        for (var i = 0; i < totals.Length; i++)
        {
            output.WriteLine($"{s_steps[i],-24}{totals[i] / reports / 1024.0,10:N1} KB{Micros(ticks[i], reports),9:N0} us");
        }

        output.WriteLine($"{"total",-24}{totals.Sum() / reports / 1024.0,10:N1} KB{Micros(ticks.Sum(), reports),9:N0} us");
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

    private static double Micros(long ticks, int reports) => ticks * 1e6 / Stopwatch.Frequency / reports;

    private static (long[] Bytes, long[] Ticks) Once(ParentSendSetup setup, int n, out int size)
    {
        var input = setup.Parents[n % setup.Parents.Length];
        var at = new long[s_steps.Length + 1];
        var clock = new long[s_steps.Length + 1];
        Mark(0);
        var document = ParentReport.Build(input);
        Mark(1);
        using var drawn = PdfReportRenderer.Draw(document);
        Mark(2);
        var pdf = PdfReportRenderer.Save(drawn, document);
        Mark(3);
        setup.Storage.Blobs.PutAsync(BlobPath.Parse($"reports/bench/{n}-{document.FileName}"), new MemoryStream(pdf), "application/pdf").GetAwaiter().GetResult();
        Mark(4);
        var message = setup.Message(n, input, document, pdf);
        Mark(5);
        setup.Outbox.SendAsync(message, CancellationToken.None).GetAwaiter().GetResult();
        Mark(6);
        size = pdf.Length;
        return (Steps(at), Steps(clock));

        static long[] Steps(long[] readings) => [.. readings.Zip(readings.Skip(1), (before, after) => after - before)];

        void Mark(int i)
        {
            clock[i] = Stopwatch.GetTimestamp();
            at[i] = GC.GetTotalAllocatedBytes(precise: true);
        }
    }
}
