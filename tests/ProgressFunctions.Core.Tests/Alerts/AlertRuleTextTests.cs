using ProgressFunctions.Core.Alerts;

namespace ProgressFunctions.Core.Tests.Alerts;

public sealed class AlertRuleTextTests
{
    [Theory]
    [InlineData(AlertRule.NewUnexplainedAbsence, "New unexplained absence (N)")]
    [InlineData(AlertRule.AttendanceThreshold, "Attendance below a threshold")]
    [InlineData(AlertRule.PenaltyNoticeThreshold, "10+ unauthorised sessions in 10 school weeks")]
    [InlineData(AlertRule.Lateness, "Late often")]
    public void Describe_Rule_ReadsAsStaffSayIt(AlertRule rule, string expected) => Assert.Equal(expected, rule.Describe());

    [Fact]
    public void Describe_EveryRule_HasWordsOfItsOwnNotItsCodeName()
    {
        var rules = Enum.GetValues<AlertRule>();

        Assert.All(rules, r => Assert.NotEqual(r.ToString(), r.Describe()));
        Assert.Equal(rules.Length, rules.Select(r => r.Describe()).Distinct(StringComparer.Ordinal).Count());
    }
}
