using Spectre.Console;

namespace ProgressFunctions.Cli;

/// <summary>The console the commands write to: colour on a terminal, plain unwrapped text when redirected.</summary>
internal static class Terminal
{
    public static IAnsiConsole Create()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // Wide enough that a one-line message stays one line in a log or a file; tables are as wide as they need.
            console.Profile.Width = 400;
        }

        return console;
    }
}
