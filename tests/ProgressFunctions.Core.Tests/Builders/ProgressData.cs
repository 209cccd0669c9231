using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>Small builders for progress test data: only what a test cares about is spelled out.</summary>
internal static class ProgressData
{
    public static AssessmentResult Result(string pupil, string subject, string point, DateOnly date, string grade, string scale = "GCSE") =>
        new() { PupilId = pupil, Subject = subject, Point = point, Date = date, Scale = scale, Grade = grade };

    public static Target Target(string pupil, string subject, string grade, string? baseline = null, DateOnly? start = null, DateOnly? end = null,
        string scale = "GCSE", string? group = null) =>
        new() { PupilId = pupil, Subject = subject, Scale = scale, Grade = grade, Baseline = baseline, CourseStart = start, CourseEnd = end, TeachingGroup = group };

    public static Pupil Pupil(string id, int yearGroup = 10, SenStatus sen = SenStatus.None) =>
        new() { Id = id, Upn = "A000000000000", LegalForename = "Test", LegalSurname = id, YearGroup = yearGroup, Sen = sen, RegistrationGroup = $"{yearGroup}A" };

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
