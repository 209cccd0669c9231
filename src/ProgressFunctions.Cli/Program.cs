using System.CommandLine;
using ProgressFunctions.Cli.Commands;

var root = new RootCommand("progress: pupil progress and attendance for English schools")
{
    DemoCommand.Create(),
    JobCommands.Ingest(),
    UploadCommand.Create(),
    JobCommands.CheckAttendance(),
    JobCommands.Snapshot(),
    JobCommands.Dispatch(),
    JobCommands.RunDueCommand(),
    SendingCommands.Batches(),
    SendingCommands.Hold(),
    SendingCommands.Release(),
    SendingCommands.Sent(),
    SendingCommands.NotSent(),
    BenchCommand.Create(),
    CodesCommand.Create(),
    GenerateCommand.Create(),
    ValidateCommand.Create(),
};

// A bad argument means the command could not run: exit 2, as every other "could not run" (README, exit codes).
var parsed = root.Parse(args);
var exit = await parsed.InvokeAsync();
return parsed.Errors.Count > 0 && exit == 1 ? 2 : exit;
