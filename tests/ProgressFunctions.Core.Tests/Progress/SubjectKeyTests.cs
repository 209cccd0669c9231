using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Tests.Progress;

public class SubjectKeyTests
{
    [Theory]
    [InlineData("p1", "Maths", "p1", "Maths", true)]
    [InlineData("p1", "Maths", "p1", " maths  ", true)]
    [InlineData("p1", "Maths", "p1", "MATHS", true)]
    [InlineData("p1", "Maths", "p1", "Math", false)]
    [InlineData("p1", "Maths", "p2", "Maths", false)]
    [InlineData("p1", "Maths", "P1", "Maths", false)]
    [InlineData("p1", "Français", "p1", "FRANÇAIS ", true)]
    [InlineData("p1", "Français", "p1", "Francais", false)]
    // Long s upper-cases to S, so the upper-case rule calls these one subject where ignoring case alone would not.
    [InlineData("p1", "\u017Fcience", "p1", "Science", true)]
    public void Equals_TwoKeys_MatchByTheUpperCaseRule(string pupilA, string subjectA, string pupilB, string subjectB, bool same)
    {
        var (a, b) = (SubjectKey.Of(pupilA, subjectA), SubjectKey.Of(pupilB, subjectB));
        Assert.Equal(same, a.Equals(b));
        Assert.Equal(same, a == b);
        // The rule the key replaces, kept here as the reference it must agree with.
        Assert.Equal(same, pupilA == pupilB && subjectA.Trim().ToUpperInvariant() == subjectB.Trim().ToUpperInvariant());
        if (same)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void GetHashCode_LongNameInEitherCase_IsTheSame() =>
        Assert.Equal(SubjectKey.Of("p1", new string('a', 200)).GetHashCode(), SubjectKey.Of("p1", new string('A', 200) + " ").GetHashCode());
}
