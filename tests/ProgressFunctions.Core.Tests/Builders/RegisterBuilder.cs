using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>Builds a pupil register by filling date ranges with marks.</summary>
internal sealed class RegisterBuilder(SchoolCalendar calendar, string pupilId = "P1", DateOnly? compulsoryFrom = null)
{
    private readonly PupilRegister _register = new(pupilId, calendar) { CompulsoryFrom = compulsoryFrom };

    /// <summary>Present (/ and \) on every school day from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    public RegisterBuilder Present(DateOnly from, DateOnly to) => Fill(from, to, "/", "\\");

    public RegisterBuilder Fill(DateOnly from, DateOnly to, string am, string? pm = null)
    {
        foreach (var date in new DateRange(from, to).Dates().Where(calendar.IsSchoolDay))
        {
            Mark(date, SessionOfDay.Am, am);
            Mark(date, SessionOfDay.Pm, pm ?? am);
        }

        return this;
    }

    public RegisterBuilder Mark(DateOnly date, SessionOfDay session, string code)
    {
        if (!_register.TrySet(date, session, AttendanceCode.Parse(code)))
        {
            throw new ArgumentException($"{date} is not a school day of the test calendar");
        }

        return this;
    }

    public RegisterBuilder Day(DateOnly date, string code) => Mark(date, SessionOfDay.Am, code).Mark(date, SessionOfDay.Pm, code);

    public PupilRegister Build() => _register;
}
