using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>
/// Test calendars. <see cref="TwoYears"/> is the typical pattern for 2025/26 and 2026/27:
/// 2025/26 autumn 2025-09-01 to 2025-12-19 (INSET 1-2 Sep, half term 27 Oct-2 Nov), spring 2026-01-05 (INSET) to
/// 2026-03-27 (half term 16-22 Feb), summer 2026-04-13 to 2026-07-20 (half term 25-31 May, INSET 17 and 20 Jul, so
/// the last pupil day is Thu 16 Jul); 2026/27 starts with INSET on 7-8 Sep 2026.
/// </summary>
internal static class Calendars
{
    public static SchoolCalendar TwoYears { get; } = TypicalCalendar.Build(new AcademicYear(2025), 2, BankHolidays.EnglandAndWales);

    public static SchoolCalendar Year2025 { get; } = TypicalCalendar.Build(new AcademicYear(2025), 1, BankHolidays.EnglandAndWales);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
