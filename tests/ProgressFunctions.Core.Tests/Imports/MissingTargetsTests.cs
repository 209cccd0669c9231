using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Tests.Imports;

public class MissingTargetsTests
{
    private static readonly DateOnly s_on = new(2026, 3, 11);

    [Theory]
    // targets.csv rows read -> the warning's value (the pupils named), or null for none
    [InlineData(2L, "p-2")]
    [InlineData(0L, null)]
    public void Warn_PupilWithResultsAndNoTarget_NamedOnceWhenTheExportCarriesTargets(long targetRows, string? named)
    {
        var export = new SchoolExport
        {
            Assessments =
            [
                Result("p-1", "GCSE"), Result("p-2", "GCSE"), Result("p-2", "GCSE", "English"),
                Result("p-3", GradeScale.Ks2ScaledScore.Name),   // prior attainment only: nothing to track yet
            ],
            Targets = [new Target { PupilId = "p-1", Subject = "Mathematics", Scale = "GCSE", Grade = "6" }],
            RecordsRead = new Dictionary<string, long> { [AssessmentsCsv.TargetsFileName] = targetRows },
        };

        var warned = MissingTargets.Warn(export).Issues;

        Assert.Equal(named, warned.SingleOrDefault()?.Value);
        Assert.All(warned, w => Assert.StartsWith("1 pupil with results has no target in targets.csv (p-2)", w.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Warn_ManyPupils_ListsTwentyAndHowManyMore()
    {
        var export = new SchoolExport
        {
            Assessments = [.. Enumerable.Range(10, 25).Select(i => Result($"p-{i}", "GCSE"))],
            RecordsRead = new Dictionary<string, long> { [AssessmentsCsv.TargetsFileName] = 1 },
        };

        var warning = Assert.Single(MissingTargets.Warn(export).Issues);

        Assert.EndsWith("p-29 and 5 more", warning.Value, StringComparison.Ordinal);
        Assert.StartsWith("25 pupils with results have no target", warning.Reason, StringComparison.Ordinal);
        Assert.False(warning.IsError);
    }

    private static AssessmentResult Result(string pupilId, string scale, string subject = "Mathematics") =>
        new() { PupilId = pupilId, Subject = subject, Point = "2025/26 Spring 2", Date = s_on, Scale = scale, Grade = "5" };
}
