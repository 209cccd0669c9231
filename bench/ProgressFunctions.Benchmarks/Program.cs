using BenchmarkDotNet.Running;
using ProgressFunctions.Benchmarks.Imports;

// Run all: dotnet run -c Release --project bench/ProgressFunctions.Benchmarks -- --filter '*'
// "stream-attendance [pupils]" is a single measured run (rows/s and peak working set) for the trust-sized file;
// "compare-attendance-readers [rounds]" times our attendance reader and Sep by processor time, taking turns;
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "stream-attendance")
{
    return AttendanceStreamRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000, Console.Out);
}

if (args.Length > 0 && args[0] == "compare-attendance-readers")
{
    return AttendanceReaderComparison.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
