using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Alerts;

/// <summary>A school's parent attendance letters: off unless <c>school.json</c> turns them on under <c>"parentLetters"</c>.</summary>
/// <remarks>
/// <see cref="Stages"/> are year-to-date attendance percentages; a pupil who first falls below one (exactly, on
/// sessions) gets that stage's letter, once per stage per academic year. <see cref="Template"/> is the school's own
/// wording; paragraphs are separated by a blank line and <c>{parent}</c>, <c>{pupil}</c>, <c>{rate}</c>,
/// <c>{stage}</c>, <c>{school}</c>, <c>{date}</c> and <c>{contact}</c> are filled in.
/// </remarks>
public sealed record ParentLetterRules
{
    public const string DefaultTemplate =
        "Dear {parent},\n\nWe are writing because {pupil}'s attendance this school year is {rate}, below the {stage} we look for. " +
        "Every day in school matters for learning and for friendships, and we know that there can be many reasons behind absence.\n\n" +
        "We would like to understand how we can help. Please contact {contact} so that we can talk about it together.\n\n" +
        "Yours sincerely,\n\n{school}";

    public static ParentLetterRules Off { get; } = new();

    public bool Enabled { get; init; }
    public IReadOnlyList<decimal> Stages { get; init; } = [95m, 90m];
    public string Template { get; init; } = DefaultTemplate;
    public int MinimumPossibleSessions { get; init; } = 20;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static (ParentLetterRules? Rules, string? Error) FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (Off, null);
        }

        try
        {
            var rules = JsonSerializer.Deserialize<ParentLetterRules>(json, s_json) ?? Off;
            return rules.Stages.Any(s => s is <= 0 or > 100) ? (null, "parentLetters.stages must be percentages between 0 and 100") : (rules, null);
        }
        catch (JsonException e)
        {
            return (null, $"parentLetters: {e.Message}");
        }
    }
}

/// <summary>A letter that is due: the pupil, the stage crossed, and every stage it settles.</summary>
/// <remarks><see cref="Settles"/> holds the crossed stages not yet written about, so a pupil falling past two stages at once gets one letter, the lower stage's.</remarks>
public sealed record LetterDue(string PupilId, AcademicYear Year, decimal Stage, string Rate, DateOnly Date, EquatableList<decimal> Settles)
{
    public string Id => StageId(PupilId, Year, Stage);

    public static string StageId(string pupilId, AcademicYear year, decimal stage) =>
        string.Create(CultureInfo.InvariantCulture, $"{pupilId}.{year.StartYear}.{stage:0.##}");
}

public static class ParentLetters
{
    /// <summary>The letters due on <paramref name="asOf"/>, given the stage ids already written about.</summary>
    public static IReadOnlyList<LetterDue> Due(IEnumerable<PupilAttendanceView> pupils, ParentLetterRules rules, IReadOnlySet<string> sent, DateOnly asOf)
    {
        if (!rules.Enabled)
        {
            return [];
        }

        var year = AcademicYear.Containing(asOf);
        var due = new List<LetterDue>();
        foreach (var view in pupils.OrderBy(p => p.Pupil.Id, StringComparer.Ordinal))
        {
            var ytd = view.Summary.YearToDate;
            if (ytd.Possible < rules.MinimumPossibleSessions)
            {
                continue;
            }

            var crossed = rules.Stages.Where(s => ytd.Attended * 100m < s * ytd.Possible && !sent.Contains(LetterDue.StageId(view.Pupil.Id, year, s))).ToList();
            if (crossed.Count > 0)
            {
                due.Add(new LetterDue(view.Pupil.Id, year, crossed.Min(), Percentages.Format(ytd.AttendanceRate), asOf, [.. crossed]));
            }
        }

        return due;
    }
}
