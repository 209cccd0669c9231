using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Benchmarks.Storage;

/// <summary>Documents shaped like a school's: 1,500 pupils and one attendance year (380 session marks) each.</summary>
internal static class StorageSamples
{
    public const int Pupils = 1500;

    public static IEnumerable<Document<object>> School(string schoolId)
    {
        string marks = string.Concat(Enumerable.Repeat("//////N/L/", 38));
        for (int n = 0; n < Pupils; n++)
        {
            string id = $"pupil-{n:D5}";
            yield return new Document<object>(schoolId, "pupil", id, new PupilDocument(id, $"A{n:D12}", 7 + (n % 5), $"{7 + (n % 5)}X", n % 7 == 0));
            yield return new Document<object>(schoolId, "attendance-year", id + "-2024", new AttendanceYearDocument(id, "2024/25", marks));
        }
    }
}

internal sealed record PupilDocument(string Id, string Upn, int YearGroup, string RegistrationGroup, bool FreeSchoolMeals);

internal sealed record AttendanceYearDocument(string PupilId, string AcademicYear, string Marks);
