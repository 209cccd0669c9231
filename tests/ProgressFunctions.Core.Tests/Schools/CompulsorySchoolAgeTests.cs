using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Schools;

public class CompulsorySchoolAgeTests
{
    [Theory]
    [InlineData("2021-07-03", "2026-08-31")]   // a summer-born Reception child: not until the August before Year 1
    [InlineData("2021-08-31", "2026-08-31")]   // fifth birthday on a prescribed day: that day
    [InlineData("2021-09-01", "2026-12-31")]
    [InlineData("2021-12-31", "2026-12-31")]
    [InlineData("2022-01-01", "2027-03-31")]
    [InlineData("2022-03-31", "2027-03-31")]
    [InlineData("2022-04-01", "2027-08-31")]
    [InlineData("2020-02-29", "2025-03-31")]
    public void From_DateOfBirth_TheFirstPrescribedDayOnOrAfterTheFifthBirthday(string born, string from) =>
        Assert.Equal(D(from), CompulsorySchoolAge.From(D(born)));
}
