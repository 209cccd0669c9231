using System.CommandLine;
using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "The date to run as, yyyy-MM-dd or dd/MM/yyyy (default: today)",
        // The dates an export's rows accept, so a data manager can paste one from either.
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!FieldParse.TryDate(text, out _))
            {
                result.AddError($"--as-of: '{text}' is not a date (use yyyy-MM-dd or dd/MM/yyyy, for example 2026-03-20 or 20/03/2026)");
            }

            return text;
        },
    };

    /// <summary>An option that takes one of a few words, shown and matched without regard to case, read as its value.</summary>
    /// <remarks>
    /// An enum option would show the enum's member names (<c>&lt;End|Ks2Results|Start&gt;</c>) and answer a wrong word with
    /// the enum's .NET type name; a person types the words the description and the README use.
    /// </remarks>
    public static Option<T> Choice<T>(string name, string description, params (string Word, T Value)[] choices)
    {
        var words = choices.Select(c => c.Word).ToArray();
        var expected = words.Length == 1 ? words[0] : $"{string.Join(", ", words[..^1])} or {words[^1]}";
        return new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', words),
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                var typed = text.Trim();
                foreach (var (word, value) in choices)
                {
                    if (string.Equals(typed, word, StringComparison.OrdinalIgnoreCase))
                    {
                        return value;
                    }
                }

                result.AddError($"{name}: '{text}' is not {expected}");
                return default!;
            },
        };
    }

    /// <summary>The shell's one read of the clock: the as-of date when none was given is today in England.</summary>
    public static DateOnly ResolveAsOf(string? text, TimeProvider clock) =>
        text is null
            ? ProgressFunctions.Core.Schools.SchoolClock.Today(clock)
            : FieldParse.TryDate(text, out var date) ? date : throw new FormatException($"'{text}' is not a date");
}
