using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.Tests.Progress;

public sealed class NeedsAttentionRuleTests
{
    [Theory]
    // Below in one foundation subject of four: no.
    [InlineData("English:OnTrack Mathematics:OnTrack History:Below Art:OnTrack", null)]
    // Below in maths only: not by default (one core subject of two)...
    [InlineData("English:OnTrack Mathematics:Below History:OnTrack Art:OnTrack", null)]
    // ...below in English and maths: yes.
    [InlineData("English:Below Mathematics:Below History:OnTrack Art:OnTrack Music:OnTrack", "below in English, Mathematics")]
    // Well below anywhere: yes.
    [InlineData("English:OnTrack Mathematics:Above History:WellBelow Art:OnTrack", "well below in History")]
    // Below in two of four (half): yes.
    [InlineData("English:OnTrack Mathematics:OnTrack History:Below Art:Below", "below or well below in 2 of 4 subjects")]
    // Each subject named once, by its own band: English well below is not named again among the core subjects below...
    [InlineData("English:WellBelow Mathematics:Below History:OnTrack Art:OnTrack Music:OnTrack", "well below in English; below in Mathematics")]
    // ...and with both well below there is nothing more to say about them.
    [InlineData("English:WellBelow Mathematics:WellBelow History:OnTrack Art:OnTrack Music:OnTrack", "well below in English, Mathematics")]
    [InlineData("English:OnTrack Mathematics:OnTrack History:Below Art:WellBelow", "well below in Art; below or well below in 2 of 4 subjects")]
    // No results at all: never.
    [InlineData("English:None Mathematics:None", null)]
    public void Reason_DefaultRule_PicksOutTheFewToActOn(string bands, string? expected)
    {
        var subjects = bands.Split(' ').Select(b => b.Split(':')).Select(b => Subject(b[0], b[1] == "None" ? null : Enum.Parse<ProgressBand>(b[1]))).ToList();
        Assert.Equal(expected, NeedsAttentionRule.Default.Reason(subjects));
    }

    [Fact]
    public void Reason_OneCoreSubjectEnough_BelowInMathsAlone()
    {
        var rule = NeedsAttentionRule.Default with { CoreSubjectsBelow = 1 };
        Assert.Equal("below in Mathematics", rule.Reason([Subject("English", ProgressBand.OnTrack), Subject("Mathematics", ProgressBand.Below), Subject("Art", ProgressBand.OnTrack)]));
    }

    private static SubjectSnapshot Subject(string name, ProgressBand? band) =>
        new(name, null, "GCSE", band is null ? null : "5", band is null ? null : 5m, "6", TargetSource.School, 5.5m, "6", band,
            band is ProgressBand.Below or ProgressBand.WellBelow ? ProgressConcern.BelowAtLatestPoint : ProgressConcern.None, null, null);
}
