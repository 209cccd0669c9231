namespace ProgressFunctions.Benchmarks.Imports;

/// <summary>
/// Our attendance reader against Sep by processor time, the two taking turns, for a machine too busy for wall-clock
/// figures to separate them: prints each side's median and the ratio of rates.
/// </summary>
/// <remarks>
/// Runs the same methods as <see cref="AttendanceReadBenchmark"/> (whose setup checks both give the same registers).
/// Each turn is <c>Repeat</c> calls, measured by the process's processor time, so that the figure is far above
/// the clock's resolution; taking turns spreads other load evenly over both sides.
/// </remarks>
internal static class AttendanceReaderComparison
{
    private const int Repeat = 3;

    public static int Run(int rounds, TextWriter output)
    {
        var bench = new AttendanceReadBenchmark();
        bench.Setup();
        (string Name, Func<long> Full, Func<long> Split)[] sides =
        [
            ("CsvReader", bench.ReadAttendance, bench.SplitOnly),
            ("Sep", bench.ReadAttendanceWithSep, bench.SplitOnlyWithSep),
        ];
        var times = sides.ToDictionary(s => s.Name, _ => (Full: new List<double>(), Split: new List<double>()));
        for (var round = -1; round < rounds; round++)
        {
            foreach (var side in sides)
            {
                var (full, split) = (Cpu(side.Full), Cpu(side.Split));
                if (round >= 0)
                {
                    times[side.Name].Full.Add(full);
                    times[side.Name].Split.Add(split);
                }
            }
        }

        foreach (var (name, (full, split)) in times)
        {
            output.WriteLine($"{name,-10} full work {Median(full),7:N1} ms CPU, split only {Median(split),6:N1} ms CPU (median of {rounds}, {bench.Rows:N0} rows)");
        }

        var (ours, sep) = (times["CsvReader"], times["Sep"]);
        output.WriteLine($"our rate as a fraction of Sep's: full work {Median(sep.Full) / Median(ours.Full):N2}, split only {Median(sep.Split) / Median(ours.Split):N2}");
        return 0;
    }

    private static double Cpu(Func<long> run)
    {
        var before = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < Repeat; i++)
        {
            run();
        }

        return (Environment.CpuUsage.TotalTime - before).TotalMilliseconds / Repeat;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
