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

    [Fact]
    public void Scales_SameNameOtherGrades_EachLetterheadGetsItsOwnGrades()
    {
        var three = Letterheads.Scales(With(new ScaleDefinition("Medal", ["Bronze", "Silver", "Gold"])));
        var four = Letterheads.Scales(With(new ScaleDefinition("Medal", ["Bronze", "Silver", "Gold", "Platinum"])));

        Assert.True(three.TryGet("Medal", out var threeGrades));
        Assert.True(four.TryGet("Medal", out var fourGrades));
        Assert.Equal(["Bronze", "Silver", "Gold"], threeGrades.Grades);
        Assert.Equal(["Bronze", "Silver", "Gold", "Platinum"], fourGrades.Grades);
    }
}
