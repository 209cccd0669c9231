using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Core.Tests.Email;

public class EmailLimitsTests
{
    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(1000, new[] { 1000 })]
    [InlineData(1001, new[] { 1000, 1 })]
    [InlineData(2500, new[] { 1000, 1000, 500 })]
    public void Split_Recipients_BatchesOfAtMostOneThousandInOrder(int recipients, int[] batches)
    {
        var message = EmailMessageTests.Message(recipients);

        var result = EmailLimits.Split(message);

        Assert.Equal(batches, result.Select(b => b.To.Count));
        Assert.Equal(message.To, result.SelectMany(b => b.To));
        Assert.All(result, b => Assert.Equal(message.MessageKey, b.MessageKey));
    }

    [Fact]
    public void MeasureBytes_Attachment_CountsBase64Size()
    {
        var without = EmailLimits.MeasureBytes(EmailMessageTests.Message());

        var with = EmailLimits.MeasureBytes(EmailMessageTests.Message(attachmentBytes: 300));

        Assert.Equal(400 + "r.pdf".Length + "application/pdf".Length, with - without);
    }

    [Fact]
    public void EnsureSendable_JustUnderLimit_Accepts()
    {
        var small = EmailMessageTests.Message();
        var room = EmailLimits.MaxMessageBytes - 1 - EmailLimits.MeasureBytes(small) - "r.pdf".Length - "application/pdf".Length;
        var message = small with { Attachments = [EmailAttachment.Pdf("r.pdf", new byte[room / 4 * 3])] };

        Assert.Same(message, EmailLimits.EnsureSendable(message));
    }

    [Fact]
    public void EnsureSendable_OverLimit_RefusesNamingTheSize()
    {
        var message = EmailMessageTests.Message(attachmentBytes: 24_000_000);

        var error = Assert.Throws<EmailTooLargeException>(() => EmailLimits.EnsureSendable(message));

        Assert.Equal(EmailLimits.MeasureBytes(message), error.SizeBytes);
        Assert.Contains("32.0 MB (32,000,", error.Message, StringComparison.Ordinal);
        Assert.Contains("under 30.0 MB (30,000,000 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("rpt-1.c-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSendable_HugeCustomArgs_Refused()
    {
        var message = EmailMessageTests.Message() with { CustomArgs = new Dictionary<string, string> { ["note"] = new string('x', 10_000) } };

        Assert.Throws<ArgumentException>(() => EmailLimits.EnsureSendable(message));
    }
}
