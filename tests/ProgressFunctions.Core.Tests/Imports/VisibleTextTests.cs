using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class VisibleTextTests
{
    [Theory]
    // text -> as shown: characters that print as nothing or as a plain space are named
    [InlineData("jo@example.org", "jo@example.org")]
    [InlineData("jo@example.org\u200B", "jo@example.org<U+200B>")]
    [InlineData("A123\u00A0456", "A123<U+00A0>456")]
    [InlineData("\uFEFFUPN", "<U+FEFF>UPN")]
    [InlineData("Zoë O'Brien-Łukasz", "Zoë O'Brien-Łukasz")]
    [InlineData("\u200Fمحمد", "<U+200F>محمد")]
    [InlineData("a\tb c", "a\tb c")]
    [InlineData("bell\u0007", "bell<U+0007>")]
    public void Of_Text_NamesWhatCannotBeSeen(string text, string shown) => Assert.Equal(shown, VisibleText.Of(text));

    [Fact]
    public void Reason_OfAnIssueMadeOrCopied_ShowsHiddenCharacters()
    {
        var issue = ImportIssue.Error("pupils.csv", 2, "UPN", "A1\u200B", "'A1\u200B' is not a UPN");

        Assert.Equal("'A1<U+200B>' is not a UPN", issue.Reason);
        Assert.Equal("'B<U+00A0>' too", (issue with { Reason = "'B\u00A0' too" }).Reason);
    }
}
