using System.CommandLine;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress generate</c>: writes a synthetic school as a CSV bundle and/or a CTF file.</summary>
/// <remarks>The export is the one the school's MIS would make on the as-of date: that academic year, nothing later.</remarks>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var pupils = new Option<int>("--pupils") { Description = "Number of pupils on roll", DefaultValueFactory = _ => 300 };
        var phase = new Option<string>("--phase") { Description = "primary or secondary", DefaultValueFactory = _ => "secondary" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same school", DefaultValueFactory = _ => 42 };
        var asOf = CommonOptions.AsOf();
        asOf.Description = "The day the export is made, yyyy-MM-dd (default: today in England): its academic year, data up to that day";
        var format = new Option<string>("--format") { Description = "csv, ctf or both", DefaultValueFactory = _ => "both" };
        var output = new Option<string>("--out") { Description = "Folder to write into (created if missing)", Required = true };
        var command = new Command("generate", "Write a realistic synthetic school as an MIS export.\n\nExample: progress generate --pupils 1500 --phase secondary --seed 7 --as-of 2026-03-20 --out ./oakfield")
        {
            pupils, phase, seed, asOf, format, output,
        };
        command.SetAction(result => Run(result.GetValue(pupils), result.GetValue(phase)!, result.GetValue(seed),
            CommonOptions.ResolveAsOf(result.GetValue(asOf), TimeProvider.System), result.GetValue(format)!, result.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(int pupils, string phase, int seed, DateOnly asOf, string format, string output, TextWriter stdout, TextWriter stderr)
    {
        if (pupils <= 0 || !Enum.TryParse<SchoolPhase>(phase, ignoreCase: true, out var schoolPhase) || schoolPhase == SchoolPhase.AllThrough
            || format is not ("csv" or "ctf" or "both"))
        {
            stderr.WriteLine("progress generate: --pupils must be positive, --phase primary|secondary, --format csv|ctf|both");
            return 2;
        }

        var school = SchoolGenerator.Generate(new GeneratorOptions(schoolPhase, pupils, seed, asOf));
        try
        {
            Directory.CreateDirectory(output);
            if (format is "csv" or "both")
            {
                CsvBundleWriter.Write(school, name => File.Create(Path.Combine(output, name)));
            }

            if (format is "ctf" or "both")
            {
                using var ctf = File.Create(Path.Combine(output, "school.ctf.xml"));
                // The export time is the as-of date's afternoon, so that the same options give byte-identical files.
                CtfWriter.Write(school, ctf, asOf.ToDateTime(new TimeOnly(16, 0)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"progress generate: cannot write to {output}: {e.Message}");
            return 2;
        }

        stdout.WriteLine($"wrote {school.Profile.Name} ({schoolPhase.ToString().ToLowerInvariant()}, {pupils} pupils, seed {seed}, {school.Options.Year} as of {asOf:yyyy-MM-dd}) to {output}");
        return 0;
    }
}
