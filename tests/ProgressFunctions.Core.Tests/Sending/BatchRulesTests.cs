using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Tests.Sending;

public class BatchRulesTests
{
    [Theory]
    [InlineData(280, 280, false)]   // nothing changed
    [InlineData(280, 292, false)]   // corrections reached more families
    [InlineData(280, 276, false)]   // four fewer: below the fewest held for
    [InlineData(280, 252, false)]   // 28 fewer of 280: exactly a tenth is not more than a tenth
    [InlineData(280, 251, true)]    // 29 fewer of 280
    [InlineData(280, 20, true)]     // contacts.csv cut short: most families gone
    [InlineData(28, 23, true)]      // five fewer of 28
    [InlineData(28, 24, false)]     // four fewer of 28
    [InlineData(40, 30, true)]      // ten pupils fewer on roll and in the batch
    public void ReachesFarFewer_ReviewedAgainstDecidedAgain_HoldsOnlyForALargeDrop(int reviewed, int now, bool fewer) =>
        Assert.Equal(fewer, BatchRules.ReachesFarFewer(reviewed, now));

    [Theory]
    [InlineData(BatchKind.ParentReports, "2026-03-13", "2026-03-20", null)]     // the end-of-term snapshot, a week on
    [InlineData(BatchKind.ParentReports, "2025-10-17", "2025-11-07", null)]     // over half term: 21 days is not late
    [InlineData(BatchKind.ParentReports, "2025-10-17", "2025-11-08", "its figures end on 17 October 2025, 22 days before it was prepared (a snapshot caught up late): families would read weeks-old figures as new, so it goes only if staff release it")]
    [InlineData(BatchKind.ParentReports, "2026-09-22", "2026-12-03", "its figures end on 22 September 2026, 72 days before it was prepared (a snapshot caught up late): families would read weeks-old figures as new, so it goes only if staff release it")]
    [InlineData(BatchKind.AttendanceLetters, "2026-09-22", "2026-12-03", null)] // a day's letters are decided on their day
    public void LateReason_DataToAgainstPreparedOn_HeldOnlyWhenWeeksOld(BatchKind kind, string dataTo, string preparedOn, string? reason) =>
        Assert.Equal(reason, BatchRules.LateReason(kind, DateOnly.Parse(dataTo, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(preparedOn, System.Globalization.CultureInfo.InvariantCulture)));
}
