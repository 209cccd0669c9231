using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.DefaultTargets;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Progress.Snapshots;

/// <summary>
/// Pins the bytes of built snapshots, so that work on how <see cref="SnapshotBuilder.Build(SnapshotInputs)"/> computes can never change
/// what it computes. Each expected value is the SHA-256 of the snapshots serialised as storage writes them (web
/// defaults, nulls left out, enums in camel case; decimals keep their scale, so 3.5 and 3.50 differ), taken from the
/// builder before its compute was reworked for speed. A change that is meant to alter a snapshot updates the hash and
/// says why in its commit.
/// </summary>
public class SnapshotBuilderPinTests
{
    private static readonly JsonSerializerOptions s_storageJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Theory]
    [InlineData("secondary", "6c9b7e1bbbd93256491c3712dd7b6b3bcd9b266c1d8b8b03507da7ab0265e77d")]
    [InlineData("secondary, inputs made messy", "b4eb8544f667ae5c17341c082844ed738a2ac66d94912716ae67a9abc615ec6d")]
    [InlineData("primary, KS2 results", "c920ab7d4f81df47c34f08fa2e288b579c5259c11676ce486a27b468d12a5f90")]
    public void Build_SyntheticSchool_GivesThePinnedBytes(string school, string expectedSha256)
    {
        var snapshots = school switch
        {
            "secondary" => Secondary(messy: false),
            "secondary, inputs made messy" => Secondary(messy: true),
            _ => Primary(),
        };

        Assert.Equal(expectedSha256, Sha256(snapshots));
    }

    /// <summary>The weekly mentor figures build only the mentees' rows; that must give what the whole school's build gives them.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_SomePupilsRowsOnly_TheirFiguresAsInTheWholeSchoolsBuild(bool messy)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 240, 31, new DateOnly(2026, 7, 10)));
        var spring = school.Calendar.TermsOf(school.Options.Year)[1];
        var whole = school.SnapshotInputs(SnapshotKey.For(school.Profile.Urn, spring, SnapshotPoint.End), new DateOnly(2026, 3, 20)) with
        {
            DefaultTargets = TransitionMatrices.Dfe2024,
            NeedsAttention = NeedsAttentionRule.Default with { FallingTwoPointsInARow = true, CoreSubjectsBelow = 1 },
        };
        whole = messy ? Messy(whole) : whole;
        var built = SnapshotBuilder.Build(whole);
        // Every seventh pupil, and some whose targets come from the matrices or who are on an intervention.
        var some = built.Pupils.Where((p, i) => i % 7 == 3).Select(p => p.PupilId)
            .Concat(built.Pupils.Where(p => p.Subjects.Any(s => s.TargetSource == TargetSource.DfeTransitionMatrix)).Take(5).Select(p => p.PupilId))
            .Concat(built.Pupils.Where(p => p.Interventions is { Count: > 0 }).Take(5).Select(p => p.PupilId))
            .ToHashSet(StringComparer.Ordinal);
        var only = whole with
        {
            Pupils = [.. whole.Pupils.Where(p => some.Contains(p.Id))],
            Registers = [.. whole.Registers.Where(r => some.Contains(r.PupilId))],
            Targets = [.. whole.Targets.Where(t => some.Contains(t.PupilId))],
            Results = [.. whole.Results.Where(r => some.Contains(r.PupilId))],
            Behaviour = [.. whole.Behaviour.Where(b => some.Contains(b.PupilId))],
            Homework = [.. whole.Homework.Where(h => some.Contains(h.PupilId))],
            Interventions = [.. whole.Interventions.Where(i => some.Contains(i.PupilId))],
        };

        var fromWhole = built.Pupils.Where(p => some.Contains(p.PupilId)).ToList();
        var fromOnly = SnapshotBuilder.Build(only).Pupils.ToList();

        Assert.True(fromOnly.Count > 20, $"{fromOnly.Count} pupils compared");
        Assert.Contains(fromOnly.SelectMany(p => p.Subjects), s => s.TargetSource == TargetSource.DfeTransitionMatrix);
        Assert.Contains(fromOnly, p => p.Interventions is { Count: > 0 });
        Assert.Equal(JsonSerializer.Serialize(fromWhole, s_storageJson), JsonSerializer.Serialize(fromOnly, s_storageJson));
    }

    /// <summary>Autumn, spring (against autumn, with a falling-results rule) and summer snapshots, with default targets for pupils without.</summary>
    private static List<TermSnapshot> Secondary(bool messy)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 240, 31, new DateOnly(2026, 7, 10)));
        var terms = school.Calendar.TermsOf(school.Options.Year);
        SnapshotInputs InputsFor(int term, DateOnly asOf)
        {
            var inputs = school.SnapshotInputs(SnapshotKey.For(school.Profile.Urn, terms[term], SnapshotPoint.End), asOf) with { DefaultTargets = TransitionMatrices.Dfe2024 };
            return messy ? Messy(inputs) : inputs;
        }

        var autumn = SnapshotBuilder.Build(InputsFor(0, new DateOnly(2025, 12, 5)));
        var spring = SnapshotBuilder.Build(InputsFor(1, new DateOnly(2026, 3, 20)) with
        {
            Previous = autumn,
            NeedsAttention = NeedsAttentionRule.Default with { FallingTwoPointsInARow = true, CoreSubjectsBelow = 1 },
        });
        var summer = SnapshotBuilder.Build(InputsFor(2, new DateOnly(2026, 7, 10)) with { Previous = spring });
        Assert.Contains(spring.Pupils.SelectMany(p => p.Subjects), s => s.TargetSource == TargetSource.DfeTransitionMatrix);
        Assert.Contains(spring.Pupils, p => p.Interventions is { Count: > 0 });
        return [autumn, spring, summer];
    }

    /// <summary>The KS2 results snapshot of a primary school after results day, and its summer snapshot.</summary>
    private static List<TermSnapshot> Primary()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Primary, 150, 17, new DateOnly(2026, 7, 10)));
        var summer = school.Calendar.TermsOf(school.Options.Year)[2];
        var ks2 = SnapshotBuilder.Build(school.SnapshotInputs(SnapshotKey.For(school.Profile.Urn, summer, SnapshotPoint.Ks2Results), new DateOnly(2026, 7, 10)));
        var end = SnapshotBuilder.Build(school.SnapshotInputs(SnapshotKey.For(school.Profile.Urn, summer, SnapshotPoint.End), new DateOnly(2026, 7, 3)));
        Assert.NotNull(ks2.Ks2);
        return [ks2, end];
    }

    /// <summary>
    /// The same school as an MIS might send it: subjects in other cases and padded, a second target for some subjects,
    /// grades not on the scale and an unknown scale, so that matching and the issues they raise are pinned too.
    /// </summary>
    private static SnapshotInputs Messy(SnapshotInputs inputs) => inputs with
    {
        Results = [.. inputs.Results.Select((r, i) => (i % 37) switch
        {
            3 => r with { Subject = " " + r.Subject.ToUpperInvariant() },
            5 => r with { Subject = r.Subject.ToLowerInvariant() + "  " },
            11 => r with { Grade = "Z" },
            17 => r with { Scale = "Levels" },
            _ => r,
        })],
        Targets = [.. inputs.Targets.SelectMany((t, i) => (i % 29) switch
        {
            2 => [t with { Subject = t.Subject.ToLowerInvariant() + " " }],
            7 => [t, t with { Subject = t.Subject.ToUpperInvariant(), Grade = t.Grade == "4" ? "5" : "4" }],
            13 => [t with { Baseline = "nine" }],
            19 => [t with { Grade = "A**" }],
            _ => new[] { t },
        })],
    };

    private static string Sha256(List<TermSnapshot> snapshots) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(snapshots, s_storageJson)));
}
