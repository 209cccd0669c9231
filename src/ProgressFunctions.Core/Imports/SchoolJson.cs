using System.Text.Json;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary><c>school.json</c>: the school's identity, term dates, INSET and closure days, grade scales and settings.</summary>
public static class SchoolJson
{
    public const string FileName = "school.json";

    private static readonly HashSet<string> s_known = new(StringComparer.OrdinalIgnoreCase)
    {
        "urn", "schoolId", "name", "phase", "localAuthority", "establishment", "terms", "insetDays", "closureDays", "gradeScales", "staffRoles",
    };

    private static readonly JsonDocumentOptions s_options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    /// <summary>The parser's reason without its 0-based position (the issue gives the line, counted from 1) or its advice to programmers.</summary>
    private static string Plain(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).Replace(" Change the reader options.", "", StringComparison.Ordinal).Trim();
        return reason.EndsWith('.') ? reason : reason + ".";
    }

    /// <summary>The profile, or null when the file is not usable JSON or lacks the URN or name (each reason an issue).</summary>
    public static SchoolProfile? Read(Stream json, BankHolidays bankHolidays, ICollection<ImportIssue> issues, string file = FileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException e)
        {
            issues.Add(ImportIssue.Error(file, (int)(e.LineNumber ?? 0) + 1, "", "", $"not valid JSON at character {(e.BytePositionInLine ?? 0) + 1} of this line: {Plain(e.Message)}"));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                issues.Add(ImportIssue.Error(file, 1, "", "", "school.json must hold one JSON object"));
                return null;
            }

            var errors = new JsonErrors(file, issues);
            var urn = errors.String(root, "urn", required: true);
            var name = errors.String(root, "name", required: true);
            var schoolId = errors.String(root, "schoolId");
            if (schoolId is not null && Schools.RecordId.Check(schoolId, "schoolId") is { } badId)
            {
                errors.Add("schoolId", schoolId, badId);
                schoolId = null;
            }
            var phaseText = errors.String(root, "phase") ?? "secondary";
            if (!Enum.TryParse<SchoolPhase>(phaseText.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var phase))
            {
                errors.Add("phase", phaseText, $"'{phaseText}' is not a phase (primary, secondary, all-through)");
            }

            var terms = errors.Array(root, "terms").Select((t, i) => errors.Term(t, i)).OfType<Term>().ToList();
            var inset = errors.Dates(root, "insetDays");
            var closures = errors.Dates(root, "closureDays");
            SchoolCalendar? calendar = null;
            if (terms.Count > 0)
            {
                var result = SchoolCalendar.Create(terms, [.. inset, .. closures], bankHolidays);
                foreach (var reason in result.Errors)
                {
                    errors.Add("terms", "", reason);
                }

                calendar = result.Calendar;
            }
            else
            {
                errors.Add("terms", "", "no term dates: attendance cannot be placed on a calendar");
            }

            var scales = errors.Array(root, "gradeScales").Select(errors.Scale).OfType<GradeScale>().ToList();
            var roles = errors.Array(root, "staffRoles").Select(errors.Role).OfType<StaffRole>().ToList();
            var (settings, problems) = SchoolSettings.Parse(root.EnumerateObject().Where(p => !s_known.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText()));
            foreach (var (key, value, reason) in problems)
            {
                errors.Add(key, value, reason);
            }

            return urn is null || name is null ? null : new SchoolProfile
            {
                Urn = urn,
                SchoolId = schoolId,
                Name = name,
                Phase = phase,
                LocalAuthority = errors.String(root, "localAuthority") ?? "",
                Establishment = errors.String(root, "establishment") ?? "",
                Terms = terms,
                InsetDays = inset,
                ClosureDays = closures,
                Calendar = calendar,
                CustomScales = scales,
                StaffRoles = roles,
                Settings = settings,
            };
        }
    }

    /// <summary>Reads values and reports each problem as an issue of school.json, named by its JSON path.</summary>
    private sealed class JsonErrors(string file, ICollection<ImportIssue> issues)
    {
        public void Add(string path, string value, string reason) => issues.Add(ImportIssue.Error(file, 0, path, value, reason));

        public string? String(JsonElement parent, string name, bool required = false)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }

            if (required)
            {
                Add(name, "", $"'{name}' is required");
            }

            return null;
        }

        public IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

        public List<DateOnly> Dates(JsonElement parent, string name) =>
            [.. Array(parent, name).Select((d, i) => Date(d, $"{name}[{i}]")).OfType<DateOnly>()];

        public DateOnly? Date(JsonElement value, string path)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            if (FieldParse.TryDate(text, out var date))
            {
                return date;
            }

            Add(path, text, $"'{text}' is not a date (use yyyy-MM-dd)");
            return null;
        }

        public Term? Term(JsonElement term, int index)
        {
            var path = $"terms[{index}]";
            var nameText = String(term, "name") ?? "";
            if (!Enum.TryParse<TermName>(nameText, ignoreCase: true, out var name))
            {
                Add(path + ".name", nameText, $"'{nameText}' is not a term name (autumn, spring, summer)");
                return null;
            }

            var start = term.TryGetProperty("start", out var s) ? Date(s, path + ".start") : null;
            var end = term.TryGetProperty("end", out var e) ? Date(e, path + ".end") : null;
            DateRange? half = null;
            if (term.TryGetProperty("halfTerm", out var h) && h.ValueKind == JsonValueKind.Object
                && h.TryGetProperty("start", out var hs) && h.TryGetProperty("end", out var he)
                && Date(hs, path + ".halfTerm.start") is { } halfStart && Date(he, path + ".halfTerm.end") is { } halfEnd)
            {
                half = new DateRange(halfStart, halfEnd);
            }

            if (start is null || end is null)
            {
                Add(path, "", "a term needs a start and an end date");
                return null;
            }

            return new Term(name, start.Value, end.Value, half);
        }

        public GradeScale? Scale(JsonElement scale, int index)
        {
            var name = String(scale, "name");
            var grades = Array(scale, "grades").Select(g => g.GetString() ?? "").Where(g => g.Length > 0).ToList();
            if (name is null || grades.Count == 0 || grades.Distinct(StringComparer.OrdinalIgnoreCase).Count() != grades.Count)
            {
                Add($"gradeScales[{index}]", name ?? "", "a grade scale needs a name and at least one grade, none repeated (lowest first)");
                return null;
            }

            return GradeScale.Custom(name, grades);
        }

        public StaffRole? Role(JsonElement role, int index)
        {
            var staffId = String(role, "staffId") ?? "";
            var text = String(role, "role") ?? "";
            var scope = String(role, "scope");
            if (staffId.Length == 0 || !StaffRoles.TryParse(staffId, scope is null ? text : $"{text}:{scope}", out var parsed))
            {
                Add($"staffRoles[{index}]", text, "a staff role needs a staffId and a known role");
                return null;
            }

            return parsed;
        }
    }
}
