using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Reports.Subjects;

/// <summary>
/// Pins the workbook models of a synthetic secondary, so that work on how <see cref="SubjectWorkbook"/> builds them can
/// never change what it builds. Each expected value is the SHA-256 of every subject's and every year group's workbook
/// serialised as JSON (web defaults, enums by name; decimals keep their scale), taken from the builder before it was
/// reworked for speed. A change meant to alter a workbook updates the hash and says why in its commit.
/// </summary>
public sealed class SubjectWorkbookPinTests
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [InlineData("secondary", "eb15d47d0d334df1c574cd03ca54af5ed10d5fa65fc7bcc49ed35e6d46c39d4e")]
    [InlineData("secondary, results made messy", "6794498ffd94ce7232850588b6ee2a54093ee316f928f3caaa5f25763e4667b4")]
    public void ForSubjectAndForYearGroup_SyntheticSchool_GiveThePinnedModels(string school, string expectedSha256)
    {
        var generated = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 240, 31, new DateOnly(2026, 3, 20)));
        var results = school == "secondary" ? generated.Assessments : Messy(generated.Assessments);
        var input = new WorkbookInput(generated.Name, generated.Snapshot(), generated.Directory, results, generated.Profile.Scales);
        var subjects = input.Snapshot.Pupils.SelectMany(p => p.Subjects).Select(s => s.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var years = input.Snapshot.Pupils.Select(p => p.YearGroup).Distinct().Order().ToList();
        Assert.True(subjects.Count >= 8 && years.Count >= 5, $"{subjects.Count} subjects, {years.Count} year groups");

        List<ProgressWorkbook> workbooks =
        [
            .. subjects.Select(s => SubjectWorkbook.ForSubject(input, s)),
            SubjectWorkbook.ForSubject(input, " " + subjects[0].ToUpperInvariant()),
            .. years.Select(y => SubjectWorkbook.ForYearGroup(input, y)),
        ];

        Assert.Contains(workbooks.SelectMany(w => w.Sheets).SelectMany(s => s.Rows), r => r.Points.Count(p => p is not null) >= 2);
        Assert.Equal(expectedSha256, Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(workbooks, s_json))));
    }

    /// <summary>
    /// The results as an MIS might send them: subjects and points in other cases and padded, a point entered twice
    /// (the later one counts; on the same day, the first), grades not on the scale, an unknown scale, and results from last year and after the snapshot.
    /// </summary>
    private static List<AssessmentResult> Messy(IReadOnlyList<AssessmentResult> results) =>
    [
        .. results.SelectMany((r, i) => (i % 31) switch
        {
            3 => [r with { Subject = " " + r.Subject.ToUpperInvariant() }],
            5 => [r with { Subject = r.Subject.ToLowerInvariant() + "  ", Point = r.Point.ToUpperInvariant() + " " }],
            7 => [r, r with { Date = r.Date.AddDays(3), Grade = r.Grade == "4" ? "5" : "4" }],
            11 => [r with { Grade = "Z" }],
            13 => [r with { Point = " " + r.Point.ToLowerInvariant() }],
            17 => [r with { Scale = "Levels" }],
            19 => [r with { Date = r.Date.AddYears(-1) }],
            23 => [r with { Date = new DateOnly(2026, 3, 21) }],
            29 => [r, r with { Grade = r.Grade == "4" ? "5" : "4" }],
            _ => new[] { r },
        }),
    ];
}
