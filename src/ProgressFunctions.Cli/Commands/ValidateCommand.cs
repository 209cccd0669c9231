using System.CommandLine;
using System.Text.Json;
using ProgressFunctions.Cli.Imports;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress validate &lt;path&gt;</c>: reads an export without storing anything and lists every problem.</summary>
/// <remarks>Exit codes: 0 no errors (warnings allowed), 1 row errors, 2 the input cannot be read at all.</remarks>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A CSV bundle folder, a .zip of one, or a CTF .xml file" };
        var json = new Option<bool>("--json") { Description = "Print the issues and counts as JSON" };
        var all = new Option<bool>("--all") { Description = $"List every problem, not {IssueListing.Alike} of each kind" };
        var command = new Command("validate", "Check an MIS export (CSV bundle or CTF) and print each problem as file:line:column: reason.\n\nExample: progress validate ./oakfield.zip")
        {
            path, json, all,
        };
        command.SetAction(result => Run(result.GetValue(path)!, result.GetValue(json), Console.Out, Console.Error, result.GetValue(all)));
        return command;
    }

    internal static int Run(string path, bool asJson, TextWriter stdout, TextWriter stderr, bool all = false)
    {
        SchoolExport export;
        try
        {
            var read = Read(path);
            if (read.Error is not null)
            {
                stderr.WriteLine($"progress validate: {read.Error}");
                return 2;
            }

            // The same export-wide check the ingest makes, so validating first finds what the import report would.
            export = ExportWarnings.Add(read.Export!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"progress validate: cannot read {path}: {e.Message}");
            return 2;
        }

        if (asJson)
        {
            var body = new
            {
                errors = export.ErrorCount,
                warnings = export.WarningCount,
                recordsRead = export.RecordsRead,
                issues = export.Issues.Select(i => new { i.File, i.Line, i.Column, i.Value, i.Reason, severity = i.Severity.ToString().ToLowerInvariant() }),
            };
            stdout.WriteLine(JsonSerializer.Serialize(body, CliJson.Options));
        }
        else
        {
            var lines = IssueListing.Lines(export.Issues, all).ToList();
            lines.ForEach(stdout.WriteLine);
            if (lines.Count > 0)
            {
                stdout.WriteLine();
            }

            foreach (var (file, count) in export.RecordsRead)
            {
                stdout.WriteLine($"{file}: {count} records read");
            }

            if (export.RecordsRead.Keys.Any(k => k.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                // Checked on a fallback calendar: ingest would refuse it for a school not yet in the store.
                stdout.WriteLine("note: a CTF carries no term dates or grade scales, so it can update a school already in the store but not start one: ingest the school's CSV bundle with school.json first");
            }

            stdout.WriteLine($"{export.ErrorCount} error{(export.ErrorCount == 1 ? "" : "s")}, {export.WarningCount} warning{(export.WarningCount == 1 ? "" : "s")}");
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
