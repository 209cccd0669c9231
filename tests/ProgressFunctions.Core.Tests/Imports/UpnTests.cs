using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Core.Tests.Imports;

public class UpnTests
{
    [Theory]
    [InlineData("P207000016049")]   // census error 1510 example: products sum to 266, 266 mod 23 = 13 = P (the article misadds to 267)
    [InlineData("B801200005001")]
    [InlineData("C201100025001")]
    [InlineData("R201100025002")]
    [InlineData("F201100025003")]
    public void Check_KnownValidUpn_IsValid(string upn) => Assert.Null(Upn.Check(upn));

    [Theory]
    [InlineData("B207000016049", "wrong UPN check letter")]
    [InlineData("A801200005001", "wrong UPN check letter")]
    [InlineData("Q20700001604", "13 characters")]
    [InlineData("Q2070000160490", "13 characters")]
    [InlineData("Q20700X016049", "must be digits")]
    [InlineData("Q20700001604I", "must be digits")]
    public void Check_BadUpn_SaysWhy(string upn, string reason) => Assert.Contains(reason, Upn.Check(upn));

    [Fact]
    public void Create_AnyParts_GivesValidUpn()
    {
        for (var serial = 0; serial < 1000; serial += 37)
        {
            Assert.True(Upn.IsValid(Upn.Create(201, 4001, 2025, serial)));
        }
    }

    [Fact]
    public void CheckLetter_TemporaryUpnEndingInLetter_CountsTheLetter()
    {
        var body = "20110002501A";
        Assert.True(Upn.IsValid(Upn.CheckLetter(body) + body));
    }
}
