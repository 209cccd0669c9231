using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Synthetic;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>Seeded schools for report tests, built once per seed and size.</summary>
internal static class ReportData
{
    public const string ContactLine = "the school office on 01632 960123";

    public static readonly DateOnly AsOf = new(2026, 3, 13);

    private static readonly Dictionary<(int, int), (SeededSchool, TermSnapshot)> s_cache = [];

    public static (SeededSchool School, TermSnapshot Snapshot) School(int pupils = 120, int seed = 7)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue((pupils, seed), out var entry))
            {
                var school = SeededSchool.Create(pupils, seed, AsOf);
                entry = (school, school.Snapshot());
                s_cache[(pupils, seed)] = entry;
            }

            return entry;
        }
    }

    public static ParentReportInput ParentInput(SeededSchool school, TermSnapshot snapshot, string pupilId) =>
        ParentReportInput.For(snapshot, pupilId, school.Name, AsOf, school.Directory, ContactLine) with
        {
            Register = school.Registers.First(r => r.PupilId == pupilId),
        };

    public static IReadOnlyList<PupilAttendanceSummary> Summaries(SeededSchool school) =>
        [.. school.Registers.Select(r => AttendanceMeasures.Summarise(r, AsOf, AttendanceRules.Default))];

    public static string AllText(ReportDocument document) => string.Join("\n", [document.Title, document.Subject, .. document.Text()]);
}
