using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Tests.Sending;

public sealed class LetterheadsTests
{
    private static Letterhead With(params ScaleDefinition[] scales) => new("Test School", "contact line") { Scales = scales };

    [Fact]
    public void Scales_NoSchoolScales_TheStandardSet()
    {
        Assert.Same(GradeScaleSet.Standard, Letterheads.Scales(With()));
    }

    [Fact]
    public void Scales_SameDefinitionsInTwoLetterheads_OneSharedSet()
    {
        var first = Letterheads.Scales(With(new ScaleDefinition("House", ["Bronze", "Silver", "Gold"])));
        var second = Letterheads.Scales(With(new ScaleDefinition("House", ["Bronze", "Silver", "Gold"])));

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("Gold", 3)]
    [InlineData("Platinum", 4)]
    public void Scales_SameNameOtherGrades_EachLetterheadGetsItsOwnGrades(string grade, int count)
    {
        var three = Letterheads.Scales(With(new ScaleDefinition("Medal", ["Bronze", "Silver", "Gold"])));
        var four = Letterheads.Scales(With(new ScaleDefinition("Medal", ["Bronze", "Silver", "Gold", "Platinum"])));
        var set = count == 3 ? three : four;

        Assert.True(set.TryGet("Medal", out var scale));
        Assert.Equal(count, scale.Grades.Count);
        Assert.Contains(grade, scale.Grades);
        Assert.True(GradeScaleSet.Standard.TryGet("GCSE", out _));
    }
}
