using System.Diagnostics;
using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Imports;

/// <summary>
/// Generates a trust-sized attendance file to a temp folder (streamed, never held), then streams it through the reader
/// and prints rows per second and the process's peak working set.
/// </summary>
internal static class AttendanceStreamRun
{
    public static int Run(int pupils, TextWriter output)
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, pupils) with { IncludeProgress = false });
        var path = Path.Combine(Path.GetTempPath(), $"pf-trust-attendance-{pupils}.csv");
        try
        {
            var written = Stopwatch.StartNew();
            long rows;
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                rows = CsvBundleWriter.WriteAttendance(school, writer);
            }

            output.WriteLine($"generated {rows:N0} rows ({new FileInfo(path).Length / (1 << 20):N0} MiB) in {written.Elapsed.TotalSeconds:N1} s");
            var issues = new List<ImportIssue>();
            var timer = Stopwatch.StartNew();
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var (reader, _) = TextDecoding.Open(file);
            var sink = new AttendanceSink(new AttendanceRegisters(school.Calendar));
            var accepted = AttendanceCsv.Read(reader, sink, null, issues);
            timer.Stop();
            using var process = Process.GetCurrentProcess();
            output.WriteLine($"read {accepted:N0} rows, {issues.Count} issues, {sink.Registers.ByPupil.Count:N0} pupils in {timer.Elapsed.TotalSeconds:N2} s: "
                + $"{accepted / timer.Elapsed.TotalSeconds:N0} rows/s; peak working set {process.PeakWorkingSet64 / (1 << 20):N0} MiB");
            return issues.Count == 0 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
