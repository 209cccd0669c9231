using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Ks2;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Ks2Sats;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Reports.WholeSchool;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Integration.Tests.Reports;

/// <summary>One synthetic school in the spring term and a document of every audience made from it.</summary>
internal static class SampleSchool
{
    public const string ContactLine = "the school office on 01632 960123 or office@zoepark.example";

    public static readonly DateOnly AsOf = new(2026, 3, 13);

    private static readonly Lazy<(SyntheticSchool School, TermSnapshot Snapshot)> s_school = new(() =>
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 300, Seed: 2026, AsOf));
        return (school, school.Snapshot());
    });

    public static SyntheticSchool School => s_school.Value.School;

    public static TermSnapshot Snapshot => s_school.Value.Snapshot;

    public static ReportDocument Parent(string pupilId) =>
        ParentReport.Build(ParentReportInput.For(Snapshot, pupilId, School.Name, AsOf, School.Directory, ContactLine) with
        {
            Register = School.Registers.First(r => r.PupilId == pupilId),
            Scales = School.Profile.Scales,
        });

    public static IReadOnlyList<(string Audience, ReportDocument Document)> EveryAudience()
    {
        var summaries = School.Registers.Select(r => AttendanceMeasures.Summarise(r, AsOf, AttendanceRules.Default)).ToList();
        var ks2 = Ks2Summary.Of(Enumerable.Range(0, 30).Select(i => new Ks2PupilResults($"K{i}", 92 + (i % 25), 95 + (i % 20), 90 + (i % 28), i % 3 == 0 ? "GDS" : i % 3 == 1 ? "EXS" : "WTS")));
        var summer = new ProgressFunctions.Core.Progress.Snapshots.SnapshotKey(School.Profile.Urn, new AcademicYear(2025), TermName.Summer, SnapshotPoint.End);
        return
        [
            ("parent", Parent(Snapshot.Pupils[0].PupilId)),
            ("attendance-digest", AttendanceDigest.Build(new AttendanceDigestInput(School.Name, AsOf, School.Calendar, summaries, School.Registers, School.Directory))),
            ("year-group", YearGroupReport.Build(new YearGroupReportInput(School.Name, AsOf, Snapshot, 9, School.Directory))),
            ("subject", SubjectReport.Build(new SubjectReportInput(School.Name, AsOf, Snapshot, "Mathematics", School.Directory))),
            ("sen", SenReport.Build(new SenReportInput(School.Name, AsOf, Snapshot, School.Directory))),
            ("whole-school", WholeSchoolReport.Build(new WholeSchoolReportInput(School.Name, AsOf, Snapshot))),
            ("ks2-sats", Ks2SatsReport.Build(new Ks2SatsReportInput(School.Name, new DateOnly(2026, 7, 10), summer, ks2))),
            ("sen-agreed-format", SenReport.Build(new SenReportInput(School.Name, AsOf, Snapshot, School.Directory)
            {
                Sections = [SenSection.Notes, SenSection.Progress, SenSection.Attendance, SenSection.Interventions, SenSection.Behaviour, SenSection.Homework],
            })),
            ("governors", Core.Reports.Governors.GovernorsReport.Build(new Core.Reports.Governors.GovernorsReportInput(School.Name, AsOf, Snapshot))),
            ("call-list", CallList.Build(new CallListInput(School.Name, AsOf, School.Registers, School.Directory, (_, _) => "Bus late"))),
            ("weekly-summary", WeeklySummary.Build(new WeeklySummaryInput(School.Name, AsOf.AddDays(-4), new DateRange(AsOf.AddDays(-4), AsOf), School.Registers, School.Directory))),
        ];
    }
}
