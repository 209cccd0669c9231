using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Core.Tests.Email;

public class EmailAddressTests
{
    /// <remarks>The one address rule: import, routing and send all ask <see cref="EmailAddress.IsValid"/>.</remarks>
    [Theory]
    [InlineData("parent@example.org", true)]
    [InlineData("o'brien.s+school@mail.example.co.uk", true)]
    [InlineData(" parent@example.org ", true)]
    [InlineData("n/a", false)]
    [InlineData("none", false)]
    [InlineData("parent@localhost", false)]
    [InlineData("parent@@example.org", false)]
    [InlineData("par ent@example.org", false)]
    [InlineData("a@b@example.org", false)]
    [InlineData("parent@example..org", false)]
    [InlineData("zoë@example.org", false)]
    [InlineData("", false)]
    public void IsValid_Address_SameAnswerAtImportRoutingAndSend(string address, bool expected)
    {
        Assert.Equal(expected, EmailAddress.IsValid(address));
        Assert.Equal(expected, ProgressFunctions.Core.Imports.FieldParse.IsEmail(address.Trim()));
        Assert.Equal(expected, EmailAddress.TryCreate(address, "Name", out _, out _));
    }

    [Theory]
    [InlineData("parent@example.org")]
    [InlineData("first.last+school@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@a-b.example")]
    public void TryCreate_Valid_Accepts(string address)
    {
        Assert.True(EmailAddress.TryCreate(address, null, out var result, out var error), error);
        Assert.Equal(address, result.Address);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("no-at-sign.example.org", "'@'")]
    [InlineData("@example.org", "'@'")]
    [InlineData("a..b@example.org", "local part")]
    [InlineData(".a@example.org", "local part")]
    [InlineData("zoë@example.org", "local part")]
    [InlineData("a b@example.org", "local part")]
    [InlineData("a@localhost", "domain")]
    [InlineData("a@-x.example.org", "domain")]
    [InlineData("a@exa_mple.org", "domain")]
    [InlineData("a@[127.0.0.1]", "domain")]
    public void TryCreate_Invalid_RefusesWithReason(string address, string reason)
    {
        Assert.False(EmailAddress.TryCreate(address, null, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_TooLong_Refuses()
    {
        Assert.False(EmailAddress.TryCreate(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)), null, out _, out var error));
        Assert.Contains("254", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MixedCaseDomain_LowerCasesDomainOnly()
    {
        Assert.Equal("Jo.Bloggs@example.org", EmailAddress.Create(" Jo.Bloggs@Example.ORG ").Address);
    }

    [Theory]
    [InlineData("Evil\r\nBcc: x@y.org", "Evil Bcc: x@y.org")]
    [InlineData("Jo\tBloggs", "Jo Bloggs")]
    [InlineData("  Ann \n  Lee ", "Ann Lee")]
    public void Create_NameWithControlCharacters_CleansThemToSpaces(string name, string expected) =>
        Assert.Equal(expected, EmailAddress.Create("a@example.org", name).DisplayName);

    [Theory]
    [InlineData("jo@example.org", "j***@example.org")]
    [InlineData("x@school.example.org", "x***@school.example.org")]
    public void Masked_Address_KeepsFirstCharacterAndDomain(string address, string masked)
    {
        var value = EmailAddress.Create(address, "Jo Bloggs");

        Assert.Equal(masked, value.Masked);
        Assert.Equal(masked, value.ToString());
    }

    [Theory]
    [InlineData("office@school.org.uk", "office@school.org.uk", null)]
    [InlineData("School Office <office@school.org.uk>", "office@school.org.uk", "School Office")]
    [InlineData("\"Zoë Ní Bhriain\" <zoe@example.org>", "zoe@example.org", "Zoë Ní Bhriain")]
    public void Parse_SettingText_ReadsAddressAndName(string text, string address, string? name)
    {
        var value = EmailAddress.Parse(text);

        Assert.Equal((address, name), (value.Address, value.DisplayName));
    }
}
