using System.CommandLine;
using ProgressFunctions.Cli.Commands;

var root = new RootCommand("progress: pupil progress and attendance for English schools")
{
    CodesCommand.Create(),
    DemoCommand.Create(),
    GenerateCommand.Create(),
    ValidateCommand.Create(),
};

return root.Parse(args).Invoke();
