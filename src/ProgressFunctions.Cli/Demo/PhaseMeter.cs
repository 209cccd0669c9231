using System.Diagnostics;

namespace ProgressFunctions.Cli.Demo;

/// <summary>What one phase of a run cost, summed over every time it ran (once per school in a trust).</summary>
/// <remarks>
/// <see cref="Items"/> counts what the phase handled, in <see cref="Unit"/> (marks for ingest and parsing, pupils for
/// the check, snapshots taken, e-mails sent). <see cref="AllocatedBytes"/> and <see cref="GcPause"/> are the whole
/// process's while the phase ran (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, <see cref="GC.GetTotalPauseDuration"/>),
/// so they include any thread working for the phase; the phases of a run never overlap. <see cref="CpuTime"/> is the
/// process's processor time over the phase: on a machine shared with other work it moves less than the wall clock.
/// </remarks>
internal sealed record PhaseFigures(string Phase, TimeSpan Elapsed, string Unit, long Items, long AllocatedBytes, TimeSpan GcPause, int Collections, TimeSpan CpuTime)
{
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? Items / Elapsed.TotalSeconds : 0;
}

/// <summary>Times phases and reads the runtime's allocation and GC counters around each.</summary>
internal sealed class PhaseMeter
{
    private readonly Dictionary<string, PhaseFigures> _phases = [];
    private readonly List<string> _order = [];

    public IReadOnlyList<PhaseFigures> Phases => [.. _order.Select(p => _phases[p])];

    public Mark Start() => Mark.Now();

    public void Stop(string phase, string unit, Mark start, long items)
    {
        var end = Mark.Now();
        var figures = new PhaseFigures(phase, end.Clock - start.Clock, unit, items, end.Allocated - start.Allocated, end.Pause - start.Pause, end.Collections - start.Collections, end.Cpu - start.Cpu);
        if (_phases.TryGetValue(phase, out var before))
        {
            figures = new PhaseFigures(phase, before.Elapsed + figures.Elapsed, unit, before.Items + items, before.AllocatedBytes + figures.AllocatedBytes,
                before.GcPause + figures.GcPause, before.Collections + figures.Collections, before.CpuTime + figures.CpuTime);
        }
        else
        {
            _order.Add(phase);
        }

        _phases[phase] = figures;
    }

    internal readonly record struct Mark(TimeSpan Clock, long Allocated, TimeSpan Pause, int Collections, TimeSpan Cpu)
    {
        private static readonly Stopwatch s_clock = Stopwatch.StartNew();
        private static long s_allocated;

        public static Mark Now()
        {
            using var process = Process.GetCurrentProcess();
            return new(s_clock.Elapsed, AllocatedSoFar(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), process.TotalProcessorTime);
        }

        /// <summary>The process's total allocation, never less than an earlier reading.</summary>
        /// <remarks>
        /// With the server collector's dynamic heap count (DATAS) the .NET 10 runtime sums only the heaps active at the
        /// moment, so the total falls when a heap is retired and rises when it returns (fixed upstream in
        /// dotnet/runtime#131069); a phase measured across such a fall read as negative. The highest reading so far is
        /// a lower bound of the truth, so a phase's figure may be low, never negative.
        /// </remarks>
        private static long AllocatedSoFar()
        {
            var now = GC.GetTotalAllocatedBytes(precise: true);
            var seen = Interlocked.Read(ref s_allocated);
            while (now > seen && Interlocked.CompareExchange(ref s_allocated, now, seen) is var found && found != seen)
            {
                seen = found;
            }

            return Math.Max(now, seen);
        }
    }
}
