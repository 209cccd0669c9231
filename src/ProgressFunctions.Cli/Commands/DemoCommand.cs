using System.CommandLine;

namespace ProgressFunctions.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the whole mission on one machine with a synthetic school.");
        command.SetAction(_ => 0);
        return command;
    }
}
