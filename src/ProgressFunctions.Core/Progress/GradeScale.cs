using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace ProgressFunctions.Core.Progress;

/// <summary>Where a difference between current and expected grade puts a pupil, in scale points.</summary>
/// <remarks>
/// With d = current - expected: above when d &gt;= <see cref="Above"/>; on track when <see cref="Below"/> &lt; d &lt;
/// <see cref="Above"/>; below when <see cref="WellBelow"/> &lt; d &lt;= <see cref="Below"/>; well below when d &lt;=
/// <see cref="WellBelow"/>. Defaults +0.5, -0.5, -1.5 (DESIGN.md section 5).
/// </remarks>
public sealed record BandThresholds(decimal Above = 0.5m, decimal Below = -0.5m, decimal WellBelow = -1.5m)
{
    public static BandThresholds Default { get; } = new();

    /// <summary>Why these thresholds cannot band anything (for a school-defined scale), or null when they can.</summary>
    /// <remarks>The bands only partition the line when WellBelow &lt;= Below &lt; Above.</remarks>
    public string? Problem =>
        WellBelow <= Below && Below < Above
            ? null
            : $"band thresholds must satisfy well below ({WellBelow}) <= below ({Below}) < above ({Above})";
}

/// <summary>An ordered grade scale with a numeric value per grade.</summary>
/// <remarks>
/// Grades are matched case-insensitively after trimming ("a*" is "A*"). One grade step is one point on every
/// scale except KS2 scaled scores, where the value is the score itself (80-120).
/// </remarks>
public sealed class GradeScale
{
    private readonly FrozenDictionary<string, decimal> _values;

    // The grades and their values lowest first, as arrays: a snapshot asks for a grade's written form and the nearest
    // grade once per result and subject, and a loop over these allocates nothing.
    private readonly string[] _grades;
    private readonly decimal[] _gradeValues;

    private GradeScale(string name, IReadOnlyList<(string Grade, decimal Value)> grades, BandThresholds thresholds)
    {
        Name = name;
        Grades = [.. grades.Select(g => g.Grade)];
        _grades = [.. Grades];
        _gradeValues = [.. grades.Select(g => g.Value)];
        _values = grades.ToFrozenDictionary(g => g.Grade, g => g.Value, StringComparer.OrdinalIgnoreCase);
        Thresholds = thresholds;
    }

    public string Name { get; }

    /// <summary>Every grade from lowest to highest.</summary>
    public IReadOnlyList<string> Grades { get; }

    public BandThresholds Thresholds { get; }

    public decimal Lowest => _gradeValues[0];

    public decimal Highest => _gradeValues[^1];

    public static GradeScale Gcse { get; } = Ordered("GCSE", ["U", "1", "2", "3", "4", "5", "6", "7", "8", "9"], firstValue: 0);

    /// <summary>KS2 test scaled scores: 100 is the expected standard, 110 the high score.</summary>
    public static GradeScale Ks2ScaledScore { get; } =
        new("KS2", [.. Enumerable.Range(80, 41).Select(s => (s.ToString(System.Globalization.CultureInfo.InvariantCulture), (decimal)s))], BandThresholds.Default);

    /// <summary>Primary teacher assessment: pre-key-stage PK1-PK6 below working towards, expected, greater depth.</summary>
    public static GradeScale PrimaryTeacherAssessment { get; } = Ordered("KS2 TA", ["PK1", "PK2", "PK3", "PK4", "PK5", "PK6", "WTS", "EXS", "GDS"], firstValue: 1);

    public static GradeScale ALevel { get; } = Ordered("A level", ["U", "E", "D", "C", "B", "A", "A*"], firstValue: 0);

    public static GradeScale Btec { get; } = Ordered("BTEC", ["P", "M", "D", "D*"], firstValue: 1);

    /// <summary>A school-defined scale, lowest grade first, valued 1, 2, 3...</summary>
    public static GradeScale Custom(string name, IEnumerable<string> gradesLowToHigh, BandThresholds? thresholds = null) =>
        Ordered(name, [.. gradesLowToHigh], firstValue: 1, thresholds);

    public GradeScale WithThresholds(BandThresholds thresholds) =>
        new(Name, [.. Grades.Select(g => (g, _values[g]))], thresholds);

    public bool Contains(string grade) => _values.ContainsKey(grade.Trim());

    public bool TryGetValue(string grade, out decimal value) => _values.TryGetValue(grade.Trim(), out value);

    /// <exception cref="ArgumentException">The grade is not on this scale; the message names both.</exception>
    public decimal ValueOf(string grade) =>
        TryGetValue(grade, out var value) ? value : throw new ArgumentException(NotOnScaleMessage(grade), nameof(grade));

    /// <summary>The row error for a grade this scale does not have, naming the grade, the scale and its grades.</summary>
    public string NotOnScaleMessage(string grade) =>
        Grades.Count <= 12
            ? $"'{grade}' is not a grade on the {Name} scale (grades: {string.Join(", ", Grades)})"
            : $"'{grade}' is not a grade on the {Name} scale ({Grades[0]} to {Grades[^1]})";

    /// <summary>The grade whose value is nearest <paramref name="value"/>, for showing a fractional expectation.</summary>
    /// <remarks>
    /// Display only: the value is rounded half-up to a whole point (4.5 shows as 5) and clamped to the scale, so an
    /// expected 4.5 on the GCSE scale reads "5". Comparisons use the exact value, never this grade.
    /// </remarks>
    public string NearestGrade(decimal value)
    {
        var rounded = Percentages.RoundHalfUp(Math.Clamp(value, Lowest, Highest), 0);
        // The first grade at the least distance, as MinBy would pick it.
        var nearest = 0;
        for (var i = 1; i < _grades.Length; i++)
        {
            if (Math.Abs(_gradeValues[i] - rounded) < Math.Abs(_gradeValues[nearest] - rounded))
            {
                nearest = i;
            }
        }

        return _grades[nearest];
    }

    /// <summary>The grade as the scale writes it ("a*" becomes "A*").</summary>
    /// <exception cref="InvalidOperationException">The grade is not on this scale.</exception>
    public string Normalise(string grade)
    {
        var trimmed = grade.AsSpan().Trim();
        foreach (var g in _grades)
        {
            if (trimmed.Equals(g, StringComparison.OrdinalIgnoreCase))
            {
                return g;
            }
        }

        throw new InvalidOperationException(NotOnScaleMessage(grade));
    }

    public override string ToString() => Name;

    private static GradeScale Ordered(string name, IReadOnlyList<string> grades, int firstValue, BandThresholds? thresholds = null)
    {
        if (grades.Count == 0 || grades.Distinct(StringComparer.OrdinalIgnoreCase).Count() != grades.Count)
        {
            throw new ArgumentException($"grade scale '{name}' needs at least one grade and no grade twice", nameof(grades));
        }

        return new(name, [.. grades.Select((g, i) => (g, (decimal)(firstValue + i)))], thresholds ?? BandThresholds.Default);
    }
}

/// <summary>The scales a school uses: the national ones plus its own, found by name case-insensitively.</summary>
public sealed class GradeScaleSet
{
    private static readonly (string Alias, string Name)[] s_aliases =
    [
        ("GCSE 9-1", "GCSE"), ("GCSE9-1", "GCSE"), ("KS2 scaled score", "KS2"), ("Scaled score", "KS2"),
        ("Teacher assessment", "KS2 TA"), ("TA", "KS2 TA"), ("ALevel", "A level"), ("A-level", "A level"), ("BTEC National", "BTEC"),
    ];

    private readonly FrozenDictionary<string, GradeScale> _byName;

    private GradeScaleSet(IEnumerable<GradeScale> scales)
    {
        var list = scales.ToList();
        Scales = list;
        var byName = list.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, name) in s_aliases)
        {
            if (!byName.ContainsKey(alias) && byName.TryGetValue(name, out var scale))
            {
                byName[alias] = scale;
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static GradeScaleSet Standard { get; } =
        new([GradeScale.Gcse, GradeScale.Ks2ScaledScore, GradeScale.PrimaryTeacherAssessment, GradeScale.ALevel, GradeScale.Btec]);

    public IReadOnlyList<GradeScale> Scales { get; }

    /// <summary>This set plus <paramref name="scale"/>, which replaces a scale of the same name.</summary>
    public GradeScaleSet With(GradeScale scale) =>
        new([.. Scales.Where(s => !string.Equals(s.Name, scale.Name, StringComparison.OrdinalIgnoreCase)), scale]);

    public bool TryGet(string name, [NotNullWhen(true)] out GradeScale? scale) => _byName.TryGetValue(name.Trim(), out scale);
}
