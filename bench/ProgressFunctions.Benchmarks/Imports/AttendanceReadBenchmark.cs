using System.Text;
using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Imports;

/// <summary>Reading and validating the attendance file of a 1,500-pupil secondary (about 570,000 rows).</summary>
[MemoryDiagnoser]
public class AttendanceReadBenchmark
{
    private byte[] _file = [];
    private SyntheticSchool _school = null!;
    private PupilIndex _pupils = new();

    public long Rows { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 1500) with { IncludeProgress = false });
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            Rows = CsvBundleWriter.WriteAttendance(_school, writer);
        }

        _file = stream.ToArray();
        _pupils = PupilIndex.Of(_school.Pupils);
    }

    [Benchmark]
    public long ReadAttendance()
    {
        var issues = new List<ImportIssue>();
        var (reader, _) = TextDecoding.Open(new MemoryStream(_file));
        var sink = new AttendanceSink(new AttendanceRegisters(_school.Calendar));
        return AttendanceCsv.Read(reader, sink, _pupils, issues);
    }
}
