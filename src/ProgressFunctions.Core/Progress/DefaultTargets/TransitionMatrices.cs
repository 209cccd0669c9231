using System.Collections.Frozen;

namespace ProgressFunctions.Core.Progress.DefaultTargets;

/// <summary>How many pupils in one KS2 group went on to one GCSE grade in a subject.</summary>
public sealed record GradeCount(string Grade, int Pupils);

/// <summary>One row of a transition matrix: a subject and KS2 group, with pupils per GCSE grade.</summary>
/// <remarks>
/// <see cref="Grades"/> holds U and 1 to 9, lowest first. <see cref="AllPupils"/> is the published row total, which
/// also counts pupils with no grade (the DfE "X" column), so percentages are of every pupil in the group, as published.
/// </remarks>
public sealed record TransitionRow(string Subject, Ks2ScoreGroup Group, EquatableList<GradeCount> Grades, int AllPupils)
{
    /// <summary>The grade most pupils in the group reached; a tie goes to the higher grade, so a default never aims low.</summary>
    public LikelyGrade? MostLikely()
    {
        GradeCount? best = null;
        foreach (var count in Grades)
        {
            if (count.Pupils > 0 && (best is null || count.Pupils >= best.Pupils))
            {
                best = count;
            }
        }

        return best is null ? null : new LikelyGrade(Subject, Group.Label, best.Grade, best.Pupils, AllPupils);
    }
}

/// <summary>The most likely GCSE grade for a KS2 group in a subject, with the evidence behind it.</summary>
/// <remarks><see cref="Percentage"/> is exact (pupils / all pupils * 100); round only to show it.</remarks>
public sealed record LikelyGrade(string Subject, string Ks2Group, string Grade, int Pupils, int AllPupils)
{
    public decimal Percentage => Pupils * 100m / AllPupils;
}

/// <summary>DfE KS2 to KS4 transition matrices for GCSE (9-1) subjects: national outcomes by KS2 prior-attainment group.</summary>
public sealed class TransitionMatrices
{
    // School subject names that differ from the DfE subject names in the matrices.
    private static readonly FrozenDictionary<string, string> s_subjectAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Maths"] = "Mathematics",
        ["English"] = "English Language",
        ["English Lang"] = "English Language",
        ["English Lit"] = "English Literature",
        ["Art"] = "Art and Design",
        ["Computing"] = "Computer Science",
        ["Design and Technology"] = "Design & Technology",
        ["DT"] = "Design & Technology",
        ["PE"] = "Physical Education",
        ["RE"] = "Religious Studies",
        ["RS"] = "Religious Studies",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<TransitionMatrices> s_dfe2024 = new(LoadShipped);

    private readonly FrozenDictionary<string, TransitionRow[]> _bySubject;

    internal TransitionMatrices(IEnumerable<TransitionRow> rows)
    {
        _bySubject = rows.GroupBy(r => r.Subject, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.Group.From ?? decimal.MinValue).ToArray(), StringComparer.OrdinalIgnoreCase);
        Subjects = [.. _bySubject.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The 2024 matrices (pupils taking GCSEs in 2023/24) shipped with Core; see DefaultTargets/Data/SOURCES.md.</summary>
    public static TransitionMatrices Dfe2024 => s_dfe2024.Value;

    public IReadOnlyList<string> Subjects { get; }

    /// <summary>The DfE subject name for a school's subject name ("Maths" is "Mathematics"), or null when there is no matrix.</summary>
    public string? SubjectFor(string subject)
    {
        var name = subject.Trim();
        name = s_subjectAliases.GetValueOrDefault(name, name);
        return _bySubject.TryGetValue(name, out var rows) ? rows[0].Subject : null;
    }

    /// <summary>The row for a subject and a KS2 score (null: no scaled score), or null when the matrices have none.</summary>
    /// <remarks>A score above the top group's upper end (over 120) or below zero is not a KS2 score and finds no row.</remarks>
    public TransitionRow? Row(string subject, decimal? ks2Score)
    {
        if (SubjectFor(subject) is not { } name)
        {
            return null;
        }

        var rows = _bySubject[name];
        if (ks2Score is not { } score)
        {
            return rows.FirstOrDefault(r => r.Group.IsNoScaledScore);
        }

        var scored = rows.Where(r => !r.Group.IsNoScaledScore).ToList();
        if (score < 0 || scored.Count == 0 || score > scored.Max(r => r.Group.To))
        {
            return null;
        }

        var below = scored.FirstOrDefault(r => r.Group.IsBelowScale);
        return below is not null && score < below.Group.To
            ? below
            : scored.LastOrDefault(r => r.Group.From is { } from && from <= score);
    }

    public LikelyGrade? MostLikely(string subject, decimal? ks2Score) => Row(subject, ks2Score)?.MostLikely();

    private static TransitionMatrices LoadShipped()
    {
        const string Resource = "ProgressFunctions.Core.Progress.DefaultTargets.Data.ks2_to_ks4_transition_matrices_2024_gcse_totals.csv";
        using var stream = typeof(TransitionMatrices).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException("the shipped transition matrices resource is missing from the build");
        using var reader = new StreamReader(stream);
        var parsed = TransitionMatricesCsv.Parse(reader.ReadToEnd());
        return parsed.Matrices ?? throw new InvalidOperationException("the shipped transition matrices do not parse: " + string.Join("; ", parsed.Errors));
    }
}
