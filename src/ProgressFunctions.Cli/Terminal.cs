using Spectre.Console;

namespace ProgressFunctions.Cli;

/// <summary>The console the commands write to: colour on a terminal, plain text with a wide layout when redirected.</summary>
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
            console.Profile.Width = 140;
        }

        return console;
    }
}
