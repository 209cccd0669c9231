using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Progress.Snapshots;

public class SnapshotScheduleTests
{
    // Typical 2025/26 autumn: Mon 1 Sep to Fri 19 Dec 2025, INSET on 1 and 2 Sep, half term 27 Oct to 2 Nov.
    private static readonly Term s_autumn = SnapshotData.Calendar.Terms[0];

    [Fact]
    public void For_AutumnStart_CutOffIsTheTenthSchoolDayAfterTheInsetDays()
    {
        // School days 3, 4, 5, 8, 9, 10, 11, 12, 15, 16 September: the tenth is Tuesday 16 September.
        var start = SnapshotSchedule.For(SnapshotData.Calendar).First(d => d.Term == s_autumn && d.Point == SnapshotPoint.Start);
        Assert.Equal(D(2025, 9, 16), start.DataTo);
    }

    [Fact]
    public void For_AutumnEnd_LeavesTenSchoolDaysOfTheTermAfterTheCutOff()
    {
        // 8-12 and 15-19 December are the last ten school days, so the cut-off is Friday 5 December.
        var end = SnapshotSchedule.For(SnapshotData.Calendar).First(d => d.Term == s_autumn && d.Point == SnapshotPoint.End);
        Assert.Equal(D(2025, 12, 5), end.DataTo);
        Assert.Equal(10, SnapshotData.Calendar.CountSchoolDays(new DateRange(end.DataTo.AddDays(1), s_autumn.End)));
    }

    [Fact]
    public void For_TypicalYear_TwoSnapshotsPerTermInDateOrder()
    {
        var due = SnapshotSchedule.For(SnapshotData.Calendar);
        Assert.Equal(6, due.Count);
        Assert.Equal(due.OrderBy(d => d.DataTo), due);
        Assert.All(SnapshotData.Calendar.Terms, t => Assert.Equal(2, due.Count(d => d.Term == t)));
        Assert.All(due, d => Assert.True(SnapshotData.Calendar.IsSchoolDay(d.DataTo)));
    }

    [Fact]
    public void ReadyOn_TheCutOffDayItself_IsNotReadyUntilTheDayAfter()
    {
        Assert.Empty(SnapshotSchedule.ReadyOn(SnapshotData.Calendar, D(2025, 9, 16)));
        Assert.Equal(SnapshotPoint.Start, SnapshotSchedule.LatestReadyOn(SnapshotData.Calendar, D(2025, 9, 17))!.Point);
    }

    [Fact]
    public void ReadyOn_AfterAMissedRun_ListsEverySnapshotSoFarForCatchUp() =>
        Assert.Equal(2, SnapshotSchedule.ReadyOn(SnapshotData.Calendar, D(2026, 1, 2)).Count);

    [Fact]
    public void For_TermShorterThanTheRules_HasNoStartSnapshot()
    {
        // 12 school days: the 10th is not before the day 10 school days from the end, so only the end snapshot remains.
        var term = new Term(TermName.Summer, D(2026, 6, 1), D(2026, 6, 16));
        var calendar = SchoolCalendar.Create([term], [], BankHolidays.None).GetValueOrThrow();
        var due = Assert.Single(SnapshotSchedule.For(calendar));
        Assert.Equal((SnapshotPoint.End, D(2026, 6, 2)), (due.Point, due.DataTo));
    }

    [Fact]
    public void KeyFor_AutumnEnd_HasAStableId() =>
        Assert.Equal("100001/2025-26-autumn-end", SnapshotSchedule.For(SnapshotData.Calendar)[1].KeyFor("100001").Id);
}
