using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Core.Tests.Email;

public class EmailMessageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("report:123")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    public void MessageKey_Unsafe_Refused(string key)
    {
        Assert.Throws<ArgumentException>(() => Message() with { MessageKey = key });
    }

    [Fact]
    public void To_Empty_Refused()
    {
        Assert.Throws<ArgumentException>(() => Message() with { To = [] });
    }

    [Fact]
    public void To_SameAddressTwice_RefusedWithoutFullAddress()
    {
        var error = Assert.Throws<ArgumentException>(() => Message() with
        {
            To = [EmailAddress.Create("jo@example.org"), EmailAddress.Create("Jo@example.org", "Jo")],
        });

        Assert.Contains("j***@example.org", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jo@example.org", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Line one\nBcc: someone")]
    public void Subject_EmptyOrMultiLine_Refused(string subject)
    {
        Assert.Throws<ArgumentException>(() => Message() with { Subject = subject });
    }

    [Fact]
    public void Categories_MoreThanTen_Refused()
    {
        Assert.Throws<ArgumentException>(() => Message() with { Categories = [.. Enumerable.Range(0, 11).Select(i => $"c{i}")] });
    }

    [Fact]
    public void CustomArgs_CallerChangesDictionaryLater_MessageUnchanged()
    {
        var args = new Dictionary<string, string> { [EmailMessage.ReportIdArg] = "r-1", [EmailMessage.RecipientIdArg] = "c-1" };

        var message = Message() with { CustomArgs = args };
        args[EmailMessage.ReportIdArg] = "changed";

        Assert.Equal(("r-1", "c-1"), (message.ReportId, message.RecipientId));
    }

    [Fact]
    public void Attachment_CallerChangesBytesLater_MessageUnchanged()
    {
        var bytes = new byte[] { 1, 2, 3 };

        var attachment = EmailAttachment.Pdf("r.pdf", bytes);
        bytes[0] = 9;

        Assert.Equal([1, 2, 3], attachment.Content.ToArray());
        Assert.Equal(4, attachment.Base64Length);
    }

    [Fact]
    public void Shared_StoredRender_ReadsTheSameArrayWithoutCopying()
    {
        var stored = new byte[] { 0x25, 0x50, 0x44, 0x46 };

        var attachment = EmailAttachment.Shared("r.pdf", "application/pdf", stored);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(attachment.Content, out var segment));
        Assert.Same(stored, segment.Array);
        Assert.Equal(stored, attachment.Content.ToArray());
        Assert.Equal(EmailAttachment.Pdf("r.pdf", stored), attachment);
    }

    [Fact]
    public void Shared_BadFileName_Refused()
    {
        Assert.Throws<ArgumentException>(() => EmailAttachment.Shared("../r.pdf", "application/pdf", [1]));
        Assert.Throws<ArgumentNullException>(() => EmailAttachment.Shared("r.pdf", "application/pdf", null!));
    }

    [Theory]
    [InlineData("../r.pdf", "application/pdf")]
    [InlineData("r.pdf", "pdf")]
    public void Attachment_BadNameOrType_Refused(string fileName, string contentType)
    {
        Assert.Throws<ArgumentException>(() => new EmailAttachment(fileName, contentType, [1]));
    }

    internal static EmailMessage Message(int recipients = 1, int attachmentBytes = 0) => new()
    {
        MessageKey = "rpt-1.c-1",
        To = [.. Enumerable.Range(1, recipients).Select(i => EmailAddress.Create($"parent{i}@example.org"))],
        Subject = "Progress report",
        TextBody = "Hello",
        Attachments = attachmentBytes > 0 ? [EmailAttachment.Pdf("r.pdf", new byte[attachmentBytes])] : [],
    };
}
