using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class AttendanceRegistersTests
{
    private static readonly int s_thursdayAm = (Year2025.DaysBefore(D("2025-11-27")) * 2) + (int)SessionOfDay.Am;

    /// <summary>Two pupils late on the same session, P1 by 12 minutes and P2 by 5.</summary>
    private static AttendanceRegisters Export()
    {
        var export = new AttendanceRegisters(Year2025);
        foreach (var (pupil, minutes) in new[] { ("P1", 12), ("P2", 5) })
        {
            export.RegisterFor(pupil).TrySet(D("2025-11-27"), SessionOfDay.Am, AttendanceCode.Parse("L"));
            export.SetMinutesLate(pupil, s_thursdayAm, minutes);
        }

        return export;
    }

    [Fact]
    public void MarksOf_PupilsLateOnTheSameSession_EachWithTheirOwnMinutes()
    {
        var export = Export();

        Assert.Equal(12, export.MarksOf("P1").Single().MinutesLate);
        Assert.Equal(5, export.MarksOf("P2").Single().MinutesLate);
    }

    [Fact]
    public void Remove_RefusedPupil_TheirMinutesGoAndTheOthersStay()
    {
        var export = Export();

        export.Remove("P1");

        Assert.Null(export.MinutesLateOf("P1"));
        Assert.Empty(export.MarksOf("P1"));
        Assert.Equal(5, AttendanceRegisters.At(export.MinutesLateOf("P2"), s_thursdayAm));
    }

    [Fact]
    public void SetMinutesLate_SameSessionTwice_TheLaterKept()
    {
        var export = Export();

        export.SetMinutesLate("P1", s_thursdayAm, 20);

        Assert.Equal(20, export.MarksOf("P1").Single().MinutesLate);
    }
}
