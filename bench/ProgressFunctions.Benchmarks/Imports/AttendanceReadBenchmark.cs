using System.Text;
using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Imports;

/// <summary>
/// Reading and validating the attendance file of a 1,500-pupil secondary (about 570,000 rows), with our reader and
/// with Sep doing the same full work.
/// </summary>
/// <remarks>
/// Both sides decode the same bytes through <see cref="TextDecoding.Open"/>, split the fields, and hand them to the
/// same <see cref="AttendanceRows"/> (pupil lookup, date parse, session and mark, stored in registers), so the
/// difference between the two is the reader alone. The Sep row's Ratio column is our reader's rate as a fraction
/// of Sep's. <see cref="Setup"/> checks that both give the same registers.
/// </remarks>
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
        SameOutputs.Check(Read(ReadWithCsvReader), Read(ReadWithSep), Rows);
        if (SplitOnly() != SplitOnlyWithSep())
        {
            throw new InvalidOperationException("the two readers split the file into different fields");
        }
    }

    [Benchmark(Baseline = true)]
    public long ReadAttendance() => ReadWithCsvReader(NewSink(), []);

    [Benchmark]
    public long ReadAttendanceWithSep() => ReadWithSep(NewSink(), []);

    /// <summary>Splitting alone (every data field's length summed), to show how much of the full work is the reader's.</summary>
    [Benchmark]
    public long SplitOnly()
    {
        var (text, _) = TextDecoding.Open(new MemoryStream(_file));
        var reader = new CsvReader(text);
        long chars = 0;
        reader.Read();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                chars += reader[i].Length;
            }
        }

        return chars;
    }

    [Benchmark]
    public long SplitOnlyWithSep()
    {
        var (text, _) = TextDecoding.Open(new MemoryStream(_file));
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        long chars = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                chars += row[i].Span.Length;
            }
        }

        return chars;
    }

    private AttendanceSink NewSink() => new(new AttendanceRegisters(_school.Calendar));

    private (long Accepted, AttendanceRegisters Registers, List<ImportIssue> Issues) Read(Func<AttendanceSink, List<ImportIssue>, long> read)
    {
        var sink = NewSink();
        var issues = new List<ImportIssue>();
        var accepted = read(sink, issues);
        return (accepted, sink.Registers, issues);
    }

    private long ReadWithCsvReader(AttendanceSink sink, List<ImportIssue> issues)
    {
        var (reader, _) = TextDecoding.Open(new MemoryStream(_file));
        return AttendanceCsv.Read(reader, sink, _pupils, issues);
    }

    private long ReadWithSep(AttendanceSink sink, List<ImportIssue> issues)
    {
        var (text, _) = TextDecoding.Open(new MemoryStream(_file));
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        var header = reader.Header;
        int Column(CsvColumn column) =>
            column.AllNames.Select(n => header.ColNames.ToList().FindIndex(h => HeaderMap.Normalise(h) == HeaderMap.Normalise(n))).FirstOrDefault(i => i >= 0, -1);
        var (iUpn, iDate, iSession, iMark, iLate, iReason) = (Column(AttendanceCsv.Upn), Column(AttendanceCsv.Date), Column(AttendanceCsv.Session),
            Column(AttendanceCsv.Mark), Column(AttendanceCsv.MinutesLate), Column(AttendanceCsv.LateReason));
        sink.Registers.HasLateReasonColumn |= iReason >= 0;
        var width = header.ColNames.Count;
        var rows = new AttendanceRows(sink, _pupils, issues, AttendanceCsv.FileName);
        foreach (var row in reader)
        {
            if (row.ColCount != width)
            {
                if (row.ColCount != 1 || row[0].Span.Length != 0)
                {
                    issues.Add(ImportIssue.Error(AttendanceCsv.FileName, row.LineNumberFrom, "", "", "the row has the wrong number of fields"));
                }

                continue;
            }

            rows.Add(row.LineNumberFrom, row[iUpn].Span, row[iDate].Span, row[iSession].Span, row[iMark].Span,
                iLate >= 0 ? row[iLate].Span : [], iReason >= 0 ? row[iReason].Span : []);
        }

        return rows.Accepted;
    }
}

/// <summary>The check that two readers stored the same thing from the same file.</summary>
internal static class SameOutputs
{
    public static void Check((long Accepted, AttendanceRegisters Registers, List<ImportIssue> Issues) ours,
        (long Accepted, AttendanceRegisters Registers, List<ImportIssue> Issues) sep, long rows)
    {
        Require(ours.Accepted == rows && sep.Accepted == rows, $"accepted {ours.Accepted:N0} and {sep.Accepted:N0} of {rows:N0} rows");
        Require(ours.Issues.SequenceEqual(sep.Issues), $"{ours.Issues.Count} and {sep.Issues.Count} issues, or different ones");
        Require(ours.Registers.MarkCount == sep.Registers.MarkCount, $"{ours.Registers.MarkCount:N0} and {sep.Registers.MarkCount:N0} marks");
        Require(ours.Registers.Marks().SequenceEqual(sep.Registers.Marks()), "the registers differ");
        Require(ours.Registers.LateReasons.Count == sep.Registers.LateReasons.Count
            && ours.Registers.LateReasons.All(r => sep.Registers.LateReasons.GetValueOrDefault(r.Key) == r.Value), "the late reasons differ");
    }

    private static void Require(bool same, string what)
    {
        if (!same)
        {
            throw new InvalidOperationException($"the two readers disagree: {what}");
        }
    }
}
