using System.CommandLine;
using System.Text.Json;
using ProgressFunctions.Cli.Hosting;
using ProgressFunctions.Cli.Imports;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;
using Spectre.Console;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress validate &lt;path&gt; [--school ID]</c>: reads an export without storing anything and lists every problem, with <c>--school</c> those the store would show too.</summary>
/// <remarks>Exit codes: 0 no errors (warnings allowed), 1 row errors, 2 the input cannot be read at all (or, with <c>--school</c>, ingest would refuse it whole).</remarks>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A CSV bundle folder, a .zip of one, or a CTF .xml file" };
        var json = new Option<bool>("--json") { Description = "Print the issues and counts as JSON" };
        var all = new Option<bool>("--all") { Description = $"List every problem, not {IssueListing.Alike} of each kind" };
        var school = new Option<string?>("--school")
        {
            Description = "Also check it against what the store holds for this school (ids and UPNs, contacts' addresses, the school itself), as ingest would; nothing is stored",
        };
        var command = new Command("validate", "Check an MIS export (CSV bundle or CTF) and print each problem as file:line:column: reason.\n\nExample: progress validate ./oakfield.zip --school 100001")
        {
            path, json, all, school,
        };
        var host = HostOptions.AddTo(command);
        command.SetAction((result, ct) => result.GetValue(school) is { } id
            ? JobCommands.Run(result, host, "validate", (jobs, console) => AgainstStoreAsync(jobs, id, result.GetValue(path)!, result.GetValue(json), result.GetValue(all), console, ct))
            : Task.FromResult(Run(result.GetValue(path)!, result.GetValue(json), Console.Out, Console.Error, result.GetValue(all))));
        return command;
    }

    internal static int Run(string path, bool asJson, TextWriter stdout, TextWriter stderr, bool all = false)
    {
        if (ReadOrSay(path, stderr) is not { } export)
        {
            return 2;
        }

        // The same export-wide check the ingest makes, so validating first finds what the import report would.
        return Print(ExportWarnings.Add(export), asJson, all, stdout.WriteLine);
    }

    /// <summary>The files' own checks, then the store's: a Pupil ID the store knows under another UPN, or one a spreadsheet took the leading zeros off, is found before ingest refuses it.</summary>
    private static async Task<int> AgainstStoreAsync(CliHost jobs, string schoolId, string path, bool asJson, bool all, IAnsiConsole console, CancellationToken cancellationToken)
    {
        // Not given the export-wide warnings here: the store's checks end with them, and twice would list each twice.
        if (ReadOrSay(path, Console.Error) is not { } export)
        {
            return 2;
        }

        var (checkedExport, stored) = await jobs.Get<ExportCheck>().AgainstStoreAsync(schoolId, export, export.Profile is not null, cancellationToken);
        if (checkedExport.Refusal is { } refusal)
        {
            console.WriteLine($"ingest would refuse the whole export: {refusal}");
            return 2;
        }

        if (!stored && !asJson)
        {
            console.WriteLine($"nothing is stored for school {schoolId} yet: checked as its first import (is the school id right?)");
        }

        return Print(checkedExport.Export!, asJson, all, console.WriteLine);
    }

    /// <summary>The export as read, or null when it cannot be read (said on <paramref name="stderr"/>).</summary>
    private static SchoolExport? ReadOrSay(string path, TextWriter stderr)
    {
        try
        {
            var read = Read(path);
            if (read.Error is not null)
            {
                stderr.WriteLine($"progress validate: {read.Error}");
                return null;
            }

            return read.Export!;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"progress validate: cannot read {path}: {e.Message}");
            return null;
        }
    }

    private static int Print(SchoolExport export, bool asJson, bool all, Action<string> writeLine)
    {
        if (asJson)
        {
            var body = new
            {
                errors = export.ErrorCount,
                warnings = export.WarningCount,
                recordsRead = export.RecordsRead,
                issues = export.Issues.Select(i => new { i.File, i.Line, i.Column, i.Value, i.Reason, severity = i.Severity.ToString().ToLowerInvariant() }),
            };
            writeLine(JsonSerializer.Serialize(body, CliJson.Options));
        }
        else
        {
            var lines = IssueListing.Lines(export.Issues, all).ToList();
            lines.ForEach(writeLine);
            if (lines.Count > 0)
            {
                writeLine("");
            }

            foreach (var (file, count) in export.RecordsRead)
            {
                writeLine($"{file}: {count} records read");
            }

            if (export.RecordsRead.Keys.Any(k => k.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                // Checked on a fallback calendar: ingest would refuse it for a school not yet in the store.
                writeLine("note: a CTF carries no term dates or grade scales, so it can update a school already in the store but not start one: ingest the school's CSV bundle with school.json first");
            }

            writeLine($"{export.ErrorCount} error{(export.ErrorCount == 1 ? "" : "s")}, {export.WarningCount} warning{(export.WarningCount == 1 ? "" : "s")}");
        }

        return export.HasErrors ? 1 : 0;
    }

    private static (SchoolExport? Export, string? Error) Read(string path)
    {
        if (Directory.Exists(path))
        {
            using var folder = new DirectoryBundleSource(path);
            return (BundleReader.Read(folder), null);
        }

        if (!File.Exists(path))
        {
            return (null, $"{path} does not exist");
        }

        var read = ExportFile.Read(File.ReadAllBytes(path), Path.GetFileName(path), ProfileBeside(path), TypicalYears());
        return (read.Export, read.Error);
    }

    /// <summary>A school.json beside the CTF gives its calendar and grade scales; without one, typical English calendars are used.</summary>
    private static SchoolProfile? ProfileBeside(string ctfPath)
    {
        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ctfPath))!, SchoolJson.FileName);
        if (!File.Exists(beside))
        {
            return null;
        }

        using var json = File.OpenRead(beside);
        return SchoolJson.Read(json, BankHolidays.EnglandAndWales, new List<ImportIssue>());
    }

    /// <summary>Typical calendars for every year from 2018/19 to 2030/31 that the shipped bank holidays can build.</summary>
    private static SchoolCalendar TypicalYears()
    {
        var years = Enumerable.Range(2018, 13).Select(y => TypicalCalendar.For(new AcademicYear(y), BankHolidays.EnglandAndWales))
            .Where(y => SchoolCalendar.Create(y.Terms, y.InsetDays, BankHolidays.EnglandAndWales).IsValid).ToList();
        return SchoolCalendar.Create(years.SelectMany(y => y.Terms), years.SelectMany(y => y.InsetDays), BankHolidays.EnglandAndWales).GetValueOrThrow();
    }
}
