using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>The sample school's workbooks: the subject leader's for Mathematics and the year leader's for Year 9.</summary>
internal static class WorkbookSamples
{
    public const string Subject = "Mathematics";

    public const int YearGroup = 9;

    public static WorkbookInput Input => new(
        SampleSchool.School.Name, SampleSchool.Snapshot, SampleSchool.School.Directory, SampleSchool.School.Assessments, SampleSchool.School.Profile.Scales);

    /// <summary>The names theories run over: "subject", "year group" and "labels".</summary>
    public static TheoryData<string> Names => ["subject", "year group", "labels"];

    public static ProgressWorkbook Named(string name) => name switch
    {
        "subject" => ForSubject(),
        "year group" => ForYearGroup(),
        _ => Labels(),
    };

    public static ProgressWorkbook ForSubject() => SubjectWorkbook.ForSubject(Input, Subject);

    public static ProgressWorkbook ForYearGroup() => SubjectWorkbook.ForYearGroup(Input, YearGroup);

    /// <summary>Grades on scales other than GCSE, a label with no value, missing points and sheet names Excel refuses as they are.</summary>
    public static ProgressWorkbook Labels()
    {
        WorkbookRow Row(string name, GradeCell target, GradeCell? mock, ProgressBand? band, decimal? change) => new(
            name, name, "A123456789012", "12A", "12Hi1", "SEN support", true, target, [mock, null], mock, new GradeCell(5.25m, "A"), band, change);
        WorkbookSheet Sheet(string name) => new(name, "History", ["Mock 1", "Mock 2"],
            [Row("Zoë Ní Bhriain", new GradeCell(6, "A*"), new GradeCell(4, "B"), ProgressBand.OnTrack, -1), Row("Łukasz Kowalski", new GradeCell(null, "Emerging"), null, null, null)]);
        return new ProgressWorkbook("History workbook", "Spring term 2025/26", "Zoë Park School", "labels.xlsx", ShowGroup: false,
            [Sheet("History"), Sheet("Art/Design [A]"), Sheet("Design and technology - resistant materials"), Sheet("Design and technology - resistant materials 2")]);
    }

    /// <summary>Writes the file where PF_REPORT_SAMPLES says (to look at it), or in a fresh temporary folder.</summary>
    public static string Write(string fileName, byte[] content)
    {
        var folder = Environment.GetEnvironmentVariable("PF_REPORT_SAMPLES") is { Length: > 0 } samples
            ? samples
            : TestFolders.NewPath("pf-xlsx-");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }
}
