using ProgressFunctions.Core.Jobs;
using Spectre.Console;

namespace ProgressFunctions.Cli.Hosting;

/// <summary>Shows job progress as bars on a terminal; prints nothing when output is redirected.</summary>
internal sealed class TerminalProgress : IJobProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private ProgressContext? _context;

    /// <summary>Runs <paramref name="work"/> with live progress bars when the console is interactive.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IJobProgress, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await work(JobProgress.None);
        }

        var progress = new TerminalProgress();
        return await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            progress._context = context;
            return await work(progress);
        });
    }

    public void Report(string step, long done, long total)
    {
        if (_context is null)
        {
            return;
        }

        lock (_tasks)
        {
            if (!_tasks.TryGetValue(step, out var task))
            {
                task = _context.AddTask(step, maxValue: Math.Max(total, 1));
                _tasks[step] = task;
            }

            task.MaxValue = Math.Max(total, 1);
            task.Value = done;
        }
    }
}
