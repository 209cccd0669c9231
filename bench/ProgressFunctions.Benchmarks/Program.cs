using BenchmarkDotNet.Running;
using ProgressFunctions.Benchmarks.Imports;

// Run all: dotnet run -c Release --project bench/ProgressFunctions.Benchmarks -- --filter '*'
// "stream-attendance [pupils]" is a single measured run (rows/s and peak working set) for the trust-sized file;
// "compare-attendance-readers [rounds]" times our attendance reader and Sep by processor time, taking turns;
// "parent-send-allocations [reports] [folder]" prints the bytes allocated and the time taken by each step of one parent report's send (and writes a few sample reports to the folder);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "stream-attendance")
{
    return AttendanceStreamRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000, Console.Out);
}

if (args.Length > 0 && args[0] == "compare-attendance-readers")
{
    return AttendanceReaderComparison.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9, Console.Out);
}

if (args.Length > 0 && args[0] == "parent-send-allocations")
{
    return ProgressFunctions.Benchmarks.Sending.ParentSendAllocations.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200, Console.Out, args.Length > 2 ? args[2] : null);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
