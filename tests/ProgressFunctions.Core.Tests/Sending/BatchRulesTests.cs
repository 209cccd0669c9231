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
}
