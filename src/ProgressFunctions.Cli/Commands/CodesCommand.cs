using System.CommandLine;
using System.Text.Json;
using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress codes [--json]</c>: the DfE attendance code table.</summary>
internal static class CodesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of { code, category, meaning }" };
        var command = new Command("codes", "Print the DfE attendance codes with their statistical category.\n\nExample: progress codes --json")
        {
            json,
        };
        command.SetAction(result => Run(result.GetValue(json), Console.Out));
        return command;
    }

    internal static int Run(bool asJson, TextWriter output)
    {
        var rows = AttendanceCode.Current.Select(c => new CodeRow(c.Code, c.Category.ToDisplayName(), c.Meaning)).ToList();
        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
            return 0;
        }

        output.WriteLine($"{"code",-5} {"category",-21} meaning");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Code,-5} {row.Category,-21} {row.Meaning}");
        }

        output.WriteLine();
        output.WriteLine("Legacy codes (read from historic data, never written): " + string.Join(", ", AttendanceCode.Legacy.Select(c => c.Code)));
        return 0;
    }

    private sealed record CodeRow(string Code, string Category, string Meaning);
}

internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
