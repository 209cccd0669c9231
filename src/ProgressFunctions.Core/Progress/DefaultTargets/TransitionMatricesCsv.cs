using System.Globalization;
using System.Text;

namespace ProgressFunctions.Core.Progress.DefaultTargets;

/// <summary>Transition matrices, or every reason the text could not give them.</summary>
/// <remarks>
/// <see cref="Matrices"/> is null only when nothing usable was read (a missing column, or no data row). Bad rows are
/// skipped and listed in <see cref="Errors"/> ("line 7: ..."); the good rows still count.
/// </remarks>
public sealed record TransitionMatricesParseResult(TransitionMatrices? Matrices, IReadOnlyList<string> Errors)
{
    public bool IsValid => Matrices is not null && Errors.Count == 0;
}

/// <summary>Reads the DfE transition-matrix CSV layout, full (as published) or trimmed (as shipped).</summary>
/// <remarks>
/// Columns are found by header name. When the file has the published <c>breakdown_topic</c> / <c>breakdown</c> columns,
/// only the all-pupils rows (<c>Total</c>/<c>Total</c>) are read; the <c>Total</c> KS2 group (every pupil) is skipped
/// because no pupil belongs to it. Fields may be double-quoted with <c>""</c> for a quote, as RFC 4180 has it.
/// </remarks>
public static class TransitionMatricesCsv
{
    private static readonly string[] s_grades = ["U", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static TransitionMatricesParseResult Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = Fields(lines[0]).Select(h => h.Trim()).ToList();
        var required = new[] { "ks2_scaled_score_group", "subject", "all_grades" }.Concat(s_grades.Select(g => "num_" + g)).ToList();
        var missing = required.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return new(null, [$"line 1: missing column(s) {string.Join(", ", missing)}"]);
        }

        int Column(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var topic = Column("breakdown_topic");
        var breakdown = Column("breakdown");
        var errors = new List<string>();
        var rows = new Dictionary<(string, string), TransitionRow>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = Fields(lines[i]);
            if (fields.Count != header.Count)
            {
                errors.Add($"line {i + 1}: {fields.Count} fields where the header has {header.Count}");
                continue;
            }

            if ((topic >= 0 && fields[topic] != "Total") || (breakdown >= 0 && fields[breakdown] != "Total") || fields[Column("ks2_scaled_score_group")] == "Total")
            {
                continue;
            }

            var row = ReadRow(fields, Column, i + 1, errors);
            if (row is not null && !rows.TryAdd((row.Subject.ToUpperInvariant(), row.Group.Label), row))
            {
                errors.Add($"line {i + 1}: a second row for {row.Subject}, KS2 group {row.Group.Label}");
            }
        }

        if (rows.Count == 0)
        {
            errors.Add("no transition-matrix rows were read");
            return new(null, errors);
        }

        return new(new TransitionMatrices(rows.Values), errors);
    }

    private static TransitionRow? ReadRow(List<string> fields, Func<string, int> column, int line, List<string> errors)
    {
        var subject = fields[column("subject")].Trim();
        var label = fields[column("ks2_scaled_score_group")];
        if (subject.Length == 0)
        {
            errors.Add($"line {line}: subject is empty");
            return null;
        }

        if (!Ks2ScoreGroup.TryParse(label, out var group))
        {
            errors.Add($"line {line}: '{label}' in ks2_scaled_score_group is not a KS2 score group");
            return null;
        }

        var counts = new List<GradeCount>();
        foreach (var name in s_grades.Select(g => "num_" + g).Append("all_grades"))
        {
            var value = fields[column(name)];
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pupils))
            {
                errors.Add($"line {line}: '{value}' in {name} is not a whole number of pupils");
                return null;
            }

            counts.Add(new GradeCount(name[4..], pupils));
        }

        var all = counts[^1].Pupils;
        var grades = counts[..^1];
        if (grades.Sum(c => c.Pupils) > all)
        {
            errors.Add($"line {line}: the grade counts add up to more than all_grades ({all})");
            return null;
        }

        return new TransitionRow(subject, group, grades.ToEquatableList(), all);
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
