using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ProgressFunctions.Cli.Demo;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using Spectre.Console;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress demo</c>: a seeded school run through the attendance core.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var pupils = new Option<int>("--pupils") { Description = "Number of pupils", DefaultValueFactory = _ => 300 };
        var phase = new Option<SchoolPhase>("--phase") { Description = "primary or secondary", DefaultValueFactory = _ => SchoolPhase.Secondary };
        var seed = new Option<int>("--seed") { Description = "Seed for the synthetic school", DefaultValueFactory = _ => 2026 };
        var asOf = CommonOptions.AsOf();
        var command = new Command("demo", "Generate a synthetic school and run the attendance core over it.\n\nExample: progress demo --pupils 1500 --phase secondary --as-of 2026-03-20")
        {
            pupils, phase, seed, asOf,
        };
        command.SetAction(result => Run(
            Terminal.Create(),
            result.GetValue(pupils),
            result.GetValue(phase),
            result.GetValue(seed),
            CommonOptions.ResolveAsOf(result.GetValue(asOf), TimeProvider.System)));
        return command;
    }

    internal static int Run(IAnsiConsole console, int pupilCount, SchoolPhase phase, int seed, DateOnly asOf)
    {
        if (pupilCount < 1)
        {
            console.MarkupLine("[red]--pupils must be at least 1[/]");
            return 2;
        }

        console.MarkupLine(CultureInfo.InvariantCulture, "[bold]ProgressFunctions demo[/]: {0} {1} pupils, seed {2}, as of [bold]{3:yyyy-MM-dd}[/] ({4})",
            pupilCount, phase.ToString().ToLowerInvariant(), seed, asOf, AcademicYear.Containing(asOf));

        var clock = Stopwatch.StartNew();
        var school = DemoSchool.Create(pupilCount, phase, seed, asOf);
        var generated = clock.Elapsed;
        var summaries = school.Registers.Select(r => AttendanceMeasures.Summarise(r, asOf, AttendanceRules.Default)).ToList();
        var measured = clock.Elapsed - generated;

        AttendanceReport.Write(console, school, summaries);
        console.MarkupLine(CultureInfo.InvariantCulture, "Generated {0:N0} session marks in {1:N0} ms; measured every pupil in {2:N0} ms.",
            school.Registers.Sum(r => r.Marks().Count()), generated.TotalMilliseconds, measured.TotalMilliseconds);
        return 0;
    }
}
