using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Tests.Ports;

public sealed class QueueNamesTests
{
    [Theory]
    [InlineData("report-dispatch", "report-dispatch-poison")]
    [InlineData("abc", "abc-poison")]
    public void Poison_ValidName_AppendsSuffix(string queue, string poison) => Assert.Equal(poison, QueueNames.Poison(queue));

    [Fact]
    public void PoisonMessage_RoundTrip_KeepsEveryField()
    {
        var message = new PoisonMessage("q1x", "id-1", 5, "InvalidOperationException: boom", "{\"a\":1}");
        Assert.Equal(message, PoisonMessage.FromJson(message.ToJson()));
    }
}
