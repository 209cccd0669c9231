using System.CommandLine;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Synthetic;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress generate</c>: writes a synthetic school as a CSV bundle and/or a CTF file.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var pupils = new Option<int>("--pupils") { Description = "Number of pupils", DefaultValueFactory = _ => 300 };
        var phase = new Option<string>("--phase") { Description = "primary or secondary", DefaultValueFactory = _ => "secondary" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same school", DefaultValueFactory = _ => 42 };
        var format = new Option<string>("--format") { Description = "csv, ctf or both", DefaultValueFactory = _ => "both" };
        var output = new Option<string>("--out") { Description = "Folder to write into (created if missing)", Required = true };
        var command = new Command("generate", "Write a realistic synthetic school as an MIS export.\n\nExample: progress generate --pupils 1500 --phase secondary --seed 7 --out ./oakfield")
        {
            pupils, phase, seed, format, output,
        };
        command.SetAction(result => Run(result.GetValue(pupils), result.GetValue(phase)!, result.GetValue(seed), result.GetValue(format)!, result.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(int pupils, string phase, int seed, string format, string output, TextWriter stdout, TextWriter stderr)
    {
        if (pupils <= 0 || !Enum.TryParse<SchoolPhase>(phase, ignoreCase: true, out var schoolPhase) || schoolPhase == SchoolPhase.AllThrough
            || format is not ("csv" or "ctf" or "both"))
        {
            stderr.WriteLine("progress generate: --pupils must be positive, --phase primary|secondary, --format csv|ctf|both");
            return 2;
        }

        var school = SchoolGenerator.Generate(GeneratorOptions.For(schoolPhase, pupils, seed));
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
                // The export time is fixed so that the same seed gives byte-identical files.
                CtfWriter.Write(school, ctf, school.Options.AsOf.ToDateTime(new TimeOnly(16, 0)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"progress generate: cannot write to {output}: {e.Message}");
            return 2;
        }

        stdout.WriteLine($"wrote {school.Profile.Name} ({schoolPhase.ToString().ToLowerInvariant()}, {pupils} pupils, seed {seed}, {school.Options.Year}) to {output}");
        return 0;
    }
}
