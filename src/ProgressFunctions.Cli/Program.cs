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
    BenchCommand.Create(),
    CodesCommand.Create(),
    GenerateCommand.Create(),
    ValidateCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
