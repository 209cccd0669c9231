using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Tests.Sending;

public class BatchRulesTests
{
    private static Batch Reaching(int pupils, int notReached) =>
        new("parents-2025-26-spring-end", BatchKind.ParentReports, "2025-26-spring-end", new(2026, 3, 27), new(2026, 3, 27), new(2026, 3, 31), BatchState.Prepared, pupils, pupils, notReached);

    [Theory]
    [InlineData(300, 20, 300, 20, false)]   // nothing changed
    [InlineData(300, 20, 302, 10, false)]   // corrections reached more families
    [InlineData(300, 20, 300, 24, false)]   // four fewer: below the fewest held for
    [InlineData(300, 20, 300, 48, false)]   // 28 fewer of 280: exactly a tenth is not more than a tenth
    [InlineData(300, 20, 300, 49, true)]    // 29 fewer of 280
    [InlineData(300, 20, 300, 280, true)]   // contacts.csv cut short: most families gone
    [InlineData(30, 2, 30, 7, true)]        // five fewer of 28
    [InlineData(30, 2, 30, 6, false)]       // four fewer of 28
    [InlineData(40, 0, 30, 0, true)]        // ten pupils fewer on roll and in the batch
    public void ReachesFarFewer_ReviewedAgainstDecidedAgain_HoldsOnlyForALargeDrop(int pupils, int notReached, int pupilsNow, int notReachedNow, bool fewer) =>
        Assert.Equal(fewer, BatchRules.ReachesFarFewer(Reaching(pupils, notReached), Reaching(pupilsNow, notReachedNow)));
}
