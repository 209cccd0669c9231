using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ProgressFunctions.TestSupport.Emulators;

/// <summary>A Node.js server process started on free loopback ports (port 0) whose actual ports are read from its
/// start-up output; killed with its children when disposed or when the test process exits.</summary>
public sealed class NodeServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeServer(Process process) => _process = process;

    /// <summary>The ports the server reported, in the order their lines appeared.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; private set; } = new Dictionary<string, int>();

    public static async Task<NodeServer> StartAsync(string name, string script, string arguments, IReadOnlyList<Regex> readyLines, TimeSpan timeout)
    {
        // start.js ends the server when this process is gone, even if it was killed before it could clean up.
        string wrapper = Path.Combine(EmulatorPackages.Directory, "start.js");
        var start = new ProcessStartInfo("node", $"\"{wrapper}\" {Environment.ProcessId} \"{script}\" {arguments}")
        {
            WorkingDirectory = EmulatorPackages.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name} (is node on PATH?).");
        var server = new NodeServer(process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._output)
            {
                server._output.AppendLine(e.Data);
                foreach (var pattern in readyLines)
                {
                    var match = pattern.Match(e.Data);
                    if (match.Success)
                    {
                        ports[pattern.ToString()] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                if (ports.Count == readyLines.Count)
                {
                    ready.TrySetResult();
                }
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != ready.Task)
        {
            server.Dispose();
            throw new InvalidOperationException($"{name} did not start within {timeout.TotalSeconds} s:\n{server.Output}");
        }

        server.Ports = ports;
        return server;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int Port(Regex readyLine) => Ports[readyLine.ToString()];

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
