using ProgressFunctions.Core.Reports.Subjects;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>The sample school's workbooks: the subject leader's for Mathematics and the year leader's for Year 9.</summary>
internal static class WorkbookSamples
{
    public const string Subject = "Mathematics";

    public const int YearGroup = 9;

    public static WorkbookInput Input => new(
        SampleSchool.School.Name, SampleSchool.Snapshot, SampleSchool.School.Directory, SampleSchool.School.Assessments, SampleSchool.School.Profile.Scales);

    public static ProgressWorkbook ForSubject() => SubjectWorkbook.ForSubject(Input, Subject);

    public static ProgressWorkbook ForYearGroup() => SubjectWorkbook.ForYearGroup(Input, YearGroup);

    /// <summary>Writes the file where PF_REPORT_SAMPLES says (to look at it), or in a fresh temporary folder.</summary>
    public static string Write(string fileName, byte[] content)
    {
        var folder = Environment.GetEnvironmentVariable("PF_REPORT_SAMPLES") is { Length: > 0 } samples
            ? samples
            : Path.Combine(Path.GetTempPath(), $"pf-xlsx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }
}
