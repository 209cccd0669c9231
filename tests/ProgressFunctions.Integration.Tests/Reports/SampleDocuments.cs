using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Integration.Tests.Reports;

/// <summary>Report documents that exercise every block type, for renderer tests.</summary>
internal static class SampleDocuments
{
    public static ReportDocument Long(int rows = 80) => new(
        "Progress report: Łukasz Nowak-Siobhán",
        "Autumn term 2025/26",
        "Zoë Park Academy",
        new DateOnly(2025, 12, 12),
        [
            new KeyFacts([new("Attendance", "93.4%", Tone.Caution), new("Punctuality", "98.0%", Tone.Good), new("Behaviour points", "12"), new("Homework", "87%")]),
            new Heading("Subjects"),
            new Paragraph("Current grade against target in each subject, as reported by teachers at the last assessment point."),
            new BarChart("Current and target grade", ["Mathematics", "English Language", "Science"], [new("Current", [5, 6, 4]), new("Target", [6, 6, 5])], 9, ["U", "1", "2", "3", "4", "5", "6", "7", "8", "9"]),
            new LineChart("Attendance by school week", [.. Enumerable.Range(1, 14).Select(i => $"W{i}")],
                [new("Attendance", [.. Enumerable.Range(1, 14).Select(i => i == 6 ? (double?)null : 88 + (i % 5 * 2.5))])],
                [new("95%", 95, Tone.Good), new("90%", 90, Tone.Concern)], 70, 100, "%"),
            new TableBlock(
                [new("Subject", 3), new("Current", 1, Align.Centre), new("Target", 1, Align.Centre), new("Status", 2)],
                [.. Enumerable.Range(1, rows).Select(i => new TableRow([$"Subject {i} with a long name that wraps onto a second line in its cell", "5", "6", i % 7 == 0 ? "Well below" : "On track"], i % 7 == 0 ? Tone.Concern : Tone.Normal))],
                "Every subject"),
            new Paragraph("If you have any questions, contact the school office.", Small: true),
        ]);
}
