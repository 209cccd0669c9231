using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Schools;

public class PupilTests
{
    /// <summary>Admission and leaving dates as yyyy-MM-dd ("" for none); the window 2025-11-10 to 2025-11-20.</summary>
    [Theory]
    [InlineData("", "", true)]
    [InlineData("2025-11-20", "", true)]              // admitted on the window's last day
    [InlineData("2025-11-21", "", false)]             // admitted the day after
    [InlineData("", "2025-11-10", true)]              // left on the window's first day: on roll that day
    [InlineData("", "2025-11-09", false)]             // left the day before
    [InlineData("2025-09-01", "2025-11-15", true)]
    [InlineData("2025-11-12", "2025-11-14", true)]    // on roll only inside the window
    [InlineData("2025-12-01", "2026-01-01", false)]
    public void OnRollDuring_AdmissionAndLeavingAroundTheWindow_OnRollWhenTheyOverlap(string admitted, string left, bool onRoll)
    {
        var pupil = Pupil("p1") with { AdmissionDate = Date(admitted), LeavingDate = Date(left) };
        Assert.Equal(onRoll, pupil.OnRollDuring(D(2025, 11, 10), D(2025, 11, 20)));
    }

    [Theory]
    [InlineData("2025-11-10", "2025-11-10", true)]
    [InlineData("2025-11-11", "", false)]
    [InlineData("", "2025-11-09", false)]
    public void OnRollDuring_OneDay_OnRollFromAdmissionToLeavingInclusive(string admitted, string left, bool onRoll)
    {
        var pupil = Pupil("p1") with { AdmissionDate = Date(admitted), LeavingDate = Date(left) };
        Assert.Equal(onRoll, pupil.OnRollDuring(D(2025, 11, 10), D(2025, 11, 10)));
    }

    private static DateOnly? Date(string text) => text.Length == 0 ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
