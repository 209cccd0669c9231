using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Imports;

public class LateReasonTests
{
    private const string Upn = "C201100025001";

    private static (AttendanceRegisters Registers, List<ImportIssue> Issues) Read(string csv)
    {
        var registers = new AttendanceRegisters(Year2025);
        var issues = new List<ImportIssue>();
        var index = new PupilIndex();
        index.Accept(Upn, "p1", new RowRef("pupils.csv", 2));
        AttendanceCsv.Read(new StringReader(csv), new AttendanceSink(registers), index, issues);
        return (registers, issues);
    }

    [Fact]
    public void AttendanceCsv_LateReason_KeptForLateMarksOnly()
    {
        var (registers, issues) = Read(
            "UPN,Date,Session,Mark,Minutes Late,Reason Late\n" +
            $"{Upn},2025-10-06,AM,L,12,Bus\tlate\n" +
            $"{Upn},2025-10-06,PM,/,,Traffic\n" +
            $"{Upn},2025-10-07,AM,U,40,\n");

        var kept = Assert.Single(registers.LateReasons);
        Assert.Equal(("p1", "Bus late"), (kept.Key.PupilId, kept.Value));
        Assert.True(registers.HasLateReasonColumn);
        var warning = Assert.Single(issues);
        Assert.Equal((3, false), (warning.Line, warning.IsError));
        Assert.Contains("only for a late mark", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_NewerExportReplacesOlderKeepsAndNoneRemoves()
    {
        var day = D("2025-10-06");
        var (earlier, later) = (new DateTimeOffset(2025, 10, 6, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 7, 16, 0, 0, TimeSpan.Zero));
        var (first, _) = Read($"UPN,Date,Session,Mark,Late Reason\n{Upn},2025-10-06,AM,L,Bus late\n{Upn},2025-10-07,AM,L,Traffic\n");
        var stored = LateReasonMerge.Apply(new Dictionary<string, IReadOnlyList<LateReasonYear>>(), first, KnownMarks.Empty, later);
        Assert.Equal(["Bus late", "Traffic"], Assert.Single(stored).Reasons.Select(r => r.Reason));

        var known = KnownMarks.From(new Dictionary<(string, DateOnly, SessionOfDay), StampedMark>
        {
            [("p1", day, SessionOfDay.Am)] = new(AttendanceCode.LateBeforeClose, later),
            [("p1", day.AddDays(1), SessionOfDay.Am)] = new(AttendanceCode.LateBeforeClose, later),
        });
        var byPupil = new Dictionary<string, IReadOnlyList<LateReasonYear>> { ["p1"] = stored };
        var (older, _) = Read($"UPN,Date,Session,Mark,Late Reason\n{Upn},2025-10-06,AM,L,Overslept\n");
        Assert.Empty(LateReasonMerge.Apply(byPupil, older, known, earlier));

        var (newer, _) = Read($"UPN,Date,Session,Mark,Late Reason\n{Upn},2025-10-06,AM,L,\n{Upn},2025-10-07,AM,L,Train delayed\n");
        var changed = Assert.Single(LateReasonMerge.Apply(byPupil, newer, known, later.AddDays(1)));
        Assert.Equal([(day.AddDays(1), "Train delayed")], changed.Reasons.Select(r => (r.Date, r.Reason)));
    }

    [Fact]
    public void Merge_FileWithoutTheColumn_ChangesNothing()
    {
        var (registers, _) = Read($"UPN,Date,Session,Mark\n{Upn},2025-10-06,AM,L\n");
        var stored = new Dictionary<string, IReadOnlyList<LateReasonYear>>
        {
            ["p1"] = [new LateReasonYear("p1", 2025, [new LateReason(D("2025-10-06"), SessionOfDay.Am, "Bus late", DateTimeOffset.UnixEpoch)])],
        };

        Assert.Empty(LateReasonMerge.Apply(stored, registers, KnownMarks.Empty, DateTimeOffset.UnixEpoch.AddDays(1)));
    }
}
