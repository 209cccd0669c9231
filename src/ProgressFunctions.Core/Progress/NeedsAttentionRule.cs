using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.Progress;

/// <summary>Which pupils need attention for their progress: a pupil-level rule that picks out the few to act on first.</summary>
/// <remarks>
/// A pupil needs attention when any enabled condition holds at their latest results: well below the flight path in
/// any subject (<see cref="WellBelowInAnySubject"/>); below or well below in at least <see cref="CoreSubjectsBelow"/>
/// of <see cref="CoreSubjects"/> (matched case-insensitively, after trimming; by default 2, i.e. both English and
/// maths in a secondary school, two of reading, writing and maths in a primary; 1 makes it "English or maths", which
/// in a school where a quarter of results are below flags about half the pupils); or below or well below in at least <see cref="ShareOfSubjects"/> of
/// the subjects they have a result in (0.5: half or more; 0 turns it off), counted only with at least
/// <see cref="MinimumSubjectsForShare"/> such subjects. <see cref="FallingTwoPointsInARow"/> adds pupils whose result
/// fell at each of the last two points in any subject. Subjects without a result count in nothing: a pupil with no
/// results never needs attention for progress, and reports say "no results yet" instead. School.json's
/// <c>"needsAttention"</c> object overrides any of these (<see cref="Schools.SchoolSettings"/>).
/// </remarks>
public sealed record NeedsAttentionRule
{
    public static NeedsAttentionRule Default { get; } = new();

    public bool WellBelowInAnySubject { get; init; } = true;

    public IReadOnlyList<string> CoreSubjects { get; init; } = ["English", "English Language", "Mathematics", "Maths", "Reading", "Writing"];

    public int CoreSubjectsBelow { get; init; } = 2;

    public decimal ShareOfSubjects { get; init; } = 0.5m;

    public int MinimumSubjectsForShare { get; init; } = 3;

    public bool FallingTwoPointsInARow { get; init; }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Why the pupil needs attention, in words, or null when they do not.</summary>
    public string? Reason(IReadOnlyList<SubjectSnapshot> subjects)
    {
        // One pass over the subjects, and lists only for the conditions that name some: most pupils need none.
        List<string>? wellBelow = null, core = null, falling = null;
        int results = 0, below = 0;
        foreach (var s in subjects)
        {
            if (FallingTwoPointsInARow && s.Concerns.HasFlag(ProgressConcern.FallingTwoPointsInARow))
            {
                (falling ??= []).Add(s.Subject);
            }

            if (s.Band is not { } band)
            {
                continue;
            }

            results++;
            if (WellBelowInAnySubject && band == ProgressBand.WellBelow)
            {
                (wellBelow ??= []).Add(s.Subject);
            }

            if (band.IsBelowExpected())
            {
                below++;
                if (IsCore(s.Subject))
                {
                    (core ??= []).Add(s.Subject);
                }
            }
        }

        var reasons = new List<string>();
        if (wellBelow is not null)
        {
            reasons.Add("well below in " + string.Join(", ", wellBelow));
        }

        // A core subject already named as well below is not named again as below ("well below in English; below in
        // English, Mathematics" read as two verdicts on English).
        if ((core?.Count ?? 0) >= CoreSubjectsBelow && core!.Where(c => wellBelow?.Contains(c) != true).ToList() is { Count: > 0 } onlyBelow)
        {
            reasons.Add("below in " + string.Join(", ", onlyBelow));
        }

        if (ShareOfSubjects > 0 && results >= MinimumSubjectsForShare && below >= ShareOfSubjects * results)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"below or well below in {below} of {results} subjects"));
        }

        if (falling is not null)
        {
            reasons.Add("fallen at two points in a row in " + string.Join(", ", falling));
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private bool IsCore(string subject)
    {
        var name = subject.AsSpan().Trim();
        foreach (var core in CoreSubjects)
        {
            if (name.Equals(core.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads school.json's <c>"needsAttention"</c> object (raw JSON); missing keys keep their defaults.</summary>
    /// <returns>The rule, or an error naming the bad value.</returns>
    public static (NeedsAttentionRule? Rule, string? Error) FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (Default, null);
        }

        try
        {
            var rule = JsonSerializer.Deserialize<NeedsAttentionRule>(json, s_json) ?? Default;
            return rule.ShareOfSubjects is < 0 or > 1
                ? (null, string.Create(CultureInfo.InvariantCulture, $"needsAttention.shareOfSubjects is {rule.ShareOfSubjects}: it must be between 0 (off) and 1"))
                : rule.CoreSubjectsBelow < 1
                    ? (null, string.Create(CultureInfo.InvariantCulture, $"needsAttention.coreSubjectsBelow is {rule.CoreSubjectsBelow}: it must be 1 or more"))
                : rule.MinimumSubjectsForShare < 1
                    ? (null, string.Create(CultureInfo.InvariantCulture, $"needsAttention.minimumSubjectsForShare is {rule.MinimumSubjectsForShare}: it must be 1 or more"))
                    : (rule, null);
        }
        catch (JsonException e)
        {
            return (null, $"needsAttention: {e.Message}");
        }
    }
}
