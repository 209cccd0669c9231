using System.Text.Json;

namespace ProgressFunctions.Core.Reports.Sen;

/// <summary>The parts of the SEN report a school may choose and order.</summary>
public enum SenSection
{
    Attendance,
    Behaviour,
    Homework,
    /// <summary>Progress by subject.</summary>
    Progress,
    Interventions,
    /// <summary>The notes each intervention refers to in the MIS.</summary>
    Notes,
}

/// <summary>The school's agreed format for the SEN report: which sections appear, in what order (<c>senReport</c> in school.json).</summary>
/// <remarks>
/// <see cref="Sections"/> null is the standard report, as it has always been: the SEN groups, one table of every pupil
/// with SEN (attendance, behaviour, homework and the subjects not making expected progress), the progress concerns in
/// detail, and, when the export carries interventions, their impact at the end. With sections given, the report is those
/// sections in that order, each one table per pupil, and nothing else besides the introduction.
/// School.json: <c>"senReport": { "sections": ["attendance", "progress", "interventions", "notes"] }</c>; names are
/// matched ignoring case, spaces and '-' ("progress by subject" is <see cref="SenSection.Progress"/>).
/// </remarks>
public sealed record SenReportFormat
{
    public static SenReportFormat Default { get; } = new();

    public EquatableList<SenSection>? Sections { get; init; }

    private static readonly Dictionary<string, SenSection> s_names = new(StringComparer.Ordinal)
    {
        ["attendance"] = SenSection.Attendance,
        ["behaviour"] = SenSection.Behaviour,
        ["behavior"] = SenSection.Behaviour,
        ["homework"] = SenSection.Homework,
        ["progress"] = SenSection.Progress,
        ["progressbysubject"] = SenSection.Progress,
        ["interventions"] = SenSection.Interventions,
        ["notes"] = SenSection.Notes,
    };

    /// <summary>Reads school.json's <c>"senReport"</c> object (raw JSON).</summary>
    /// <returns>The format, or an error naming the bad value.</returns>
    public static (SenReportFormat? Format, string? Error) FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "senReport must be an object such as { \"sections\": [\"attendance\", \"progress\"] }");
            }

            if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => name != "sections") is { } unknown)
            {
                return (null, $"senReport has no setting '{unknown}' (only \"sections\")");
            }

            if (!root.TryGetProperty("sections", out var list))
            {
                return (Default, null);
            }

            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                return (null, "senReport.sections must be a list of one or more of: " + Names);
            }

            var sections = new List<SenSection>();
            foreach (var item in list.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() ?? "" : item.GetRawText();
                if (!s_names.TryGetValue(Imports.Csv.HeaderMap.Normalise(text), out var section))
                {
                    return (null, $"senReport.sections: '{text}' is not a section ({Names})");
                }

                if (sections.Contains(section))
                {
                    return (null, $"senReport.sections names '{text}' twice");
                }

                sections.Add(section);
            }

            return (new SenReportFormat { Sections = [.. sections] }, null);
        }
        catch (JsonException e)
        {
            return (null, $"senReport: {e.Message}");
        }
    }

    private static string Names => "attendance, behaviour, homework, progress, interventions, notes";
}
