using System.CommandLine;
using System.Globalization;

namespace ProgressFunctions.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "The date to run as, yyyy-MM-dd (default: today)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                result.AddError($"--as-of: '{text}' is not a date in yyyy-MM-dd form");
            }

            return text;
        },
    };

    /// <summary>The shell's one read of the clock: the as-of date when none was given is today in England.</summary>
    public static DateOnly ResolveAsOf(string? text, TimeProvider clock) =>
        text is null
            ? ProgressFunctions.Core.Schools.SchoolClock.Today(clock)
            : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
