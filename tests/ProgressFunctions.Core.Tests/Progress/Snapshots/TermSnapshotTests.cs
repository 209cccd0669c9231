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
}
