using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Progress.Snapshots;

public sealed class TermSnapshotTests
{
    [Fact]
    public void Pupil_EveryPupilOfABuiltSnapshot_FoundAsByAScan()
    {
        var (_, snapshot) = ReportData.School(pupils: 150);

        Assert.All(snapshot.Pupils, p => Assert.Same(p, snapshot.Pupil(p.PupilId)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("p-000000000000")]
    [InlineData("p-zzzzzzzzzzzz")]
    [InlineData("P-UPPER-CASE")]
    public void Pupil_IdNotInTheSnapshot_Null(string pupilId)
    {
        var (_, snapshot) = ReportData.School(pupils: 40);

        Assert.Null(snapshot.Pupil(pupilId));
    }

    [Fact]
    public void Pupil_PupilsNotInIdOrder_StillFound()
    {
        var (_, built) = ReportData.School(pupils: 40);
        var shuffled = built with { Pupils = [.. built.Pupils.Reverse()] };

        Assert.All(shuffled.Pupils, p => Assert.Same(p, shuffled.Pupil(p.PupilId)));
    }

    /// <summary>The year and subject workbooks read who is disadvantaged from this directory: it said "No" for every pupil.</summary>
    [Fact]
    public void Directory_PupilsWithCharacteristics_KeepsEachPupilsFlags()
    {
        var (_, snapshot) = ReportData.School(pupils: 60);

        var directory = snapshot.Directory();

        Assert.Contains(snapshot.Pupils, p => p.Characteristics!.Disadvantaged);
        Assert.All(snapshot.Pupils, p => Assert.Equal(
            (p.Characteristics!.Gender, p.Characteristics.FreeSchoolMeals, p.Characteristics.PupilPremium, p.Characteristics.EnglishAdditionalLanguage, p.Characteristics.LookedAfter),
            directory.Pupil(p.PupilId) is { } d ? (d.Gender, d.FreeSchoolMeals, d.PupilPremium, d.EnglishAdditionalLanguage, d.LookedAfter) : default));
    }
}
