using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>Synthetic secondary schools for report tests, built once per seed and size.</summary>
internal static class ReportData
{
    public const string ContactLine = "the school office on 01632 960123";

    public static readonly DateOnly AsOf = new(2026, 3, 13);

    private static readonly Dictionary<(int, int), (SyntheticSchool, TermSnapshot)> s_cache = [];

    public static (SyntheticSchool School, TermSnapshot Snapshot) School(int pupils = 120, int seed = 7)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue((pupils, seed), out var entry))
            {
                var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, pupils, seed, AsOf));
                entry = (school, school.Snapshot());
                s_cache[(pupils, seed)] = entry;
            }

            return entry;
        }
    }

    public static ParentReportInput ParentInput(SyntheticSchool school, TermSnapshot snapshot, string pupilId) =>
        ParentReportInput.For(snapshot, pupilId, school.Name, AsOf, school.Directory, ContactLine) with
        {
            Register = school.Registers.First(r => r.PupilId == pupilId),
            Scales = school.Profile.Scales,
        };

    public static IReadOnlyList<PupilAttendanceSummary> Summaries(SyntheticSchool school) =>
        [.. school.Registers.Select(r => AttendanceMeasures.Summarise(r, AsOf, AttendanceRules.Default))];

    public static string AllText(ReportDocument document) => string.Join("\n", [document.Title, document.Subject, .. document.Text()]);
}
