using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>Builders for the bad-file corpus and small bundles.</summary>
internal static class TestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Imports", "TestData", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static SchoolCalendar Calendar2025 { get; } = TypicalCalendar.Build(new AcademicYear(2025), 1, BankHolidays.EnglandAndWales);

    /// <summary>A valid school.json for 2025/26 plus the given files.</summary>
    public static MemoryBundleSource Bundle(params (string Name, byte[] Bytes)[] files)
    {
        var all = files.ToDictionary(f => f.Name, f => f.Bytes);
        all.TryAdd("school.json", s_schoolJson.Value);
        return new MemoryBundleSource(all);
    }

    // Made once: many theory rows read a small bundle each.
    private static readonly Lazy<byte[]> s_schoolJson = new(() =>
    {
        var school = SchoolGenerator.Generate(GeneratorOptions.For(SchoolPhase.Secondary, 1) with { IncludeProgress = false });
        using var json = new MemoryStream();
        SchoolJsonWriter.Write(school.Profile, [], json);
        return json.ToArray();
    });

    /// <summary>Writes a whole synthetic school's bundle into memory.</summary>
    public static Dictionary<string, byte[]> Write(SyntheticSchool school)
    {
        var files = new Dictionary<string, MemoryStream>();
        CsvBundleWriter.Write(school, name => files[name] = new MemoryStream());
        return files.ToDictionary(f => f.Key, f => f.Value.ToArray());
    }
}
