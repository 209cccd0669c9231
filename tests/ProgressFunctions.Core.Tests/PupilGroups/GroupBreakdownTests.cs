using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.PupilGroups.GroupPupils;

namespace ProgressFunctions.Core.Tests.PupilGroups;

public class GroupBreakdownTests
{
    private static DimensionBreakdown By(GroupDimension dimension, IEnumerable<ProgressFunctions.Core.Progress.Snapshots.PupilSnapshot> pupils) =>
        Assert.Single(GroupBreakdown.For([.. pupils], [dimension]));

    [Fact]
    public void For_TwoLookedAfterPupils_BothGroupsOfTheCharacteristicSuppressed()
    {
        var breakdown = By(GroupDimension.LookedAfter, Many(2, "l", id => Pupil(id, lookedAfter: true)).Concat(Many(28, "n", id => Pupil(id))));

        Assert.Equal([("Looked after", 2, Suppression.SmallGroup), ("Not looked after", 28, Suppression.Complementary)],
            breakdown.Groups.Select(g => (g.Label, g.Pupils, g.Suppressed)));
    }

    [Fact]
    public void For_SmallEhcpGroup_NextSmallestSuppressedTooTheLargestShown()
    {
        var pupils = Many(20, "n", id => Pupil(id)).Concat(Many(7, "k", id => Pupil(id, sen: SenStatus.Support))).Concat(Many(3, "e", id => Pupil(id, sen: SenStatus.Ehcp)));

        Assert.Equal([Suppression.None, Suppression.Complementary, Suppression.SmallGroup], By(GroupDimension.Sen, pupils).Groups.Select(g => g.Suppressed));
    }

    [Fact]
    public void For_TwoSmallGroups_NothingMoreSuppressed()
    {
        var pupils = Many(3, "f", id => Pupil(id, gender: "F")).Concat(Many(3, "m", id => Pupil(id, gender: "M"))).Concat(Many(30, "x", id => Pupil(id, gender: "")));

        Assert.Equal([("Girls", Suppression.SmallGroup), ("Boys", Suppression.SmallGroup), ("Not recorded", Suppression.None)],
            By(GroupDimension.Gender, pupils).Groups.Select(g => (g.Label, g.Suppressed)));
    }

    [Fact]
    public void For_Group_FiguresSumSessionsThenDivide()
    {
        var pupils = new[] { Pupil("a", disadvantaged: true, attended: 9), Pupil("b", disadvantaged: true, attended: 18, possible: 20, behaviour: 3) }
            .Concat(Many(5, "d", id => Pupil(id, disadvantaged: true, attended: 4, possible: 10))).ToList();

        var group = By(GroupDimension.Disadvantaged, pupils).Groups.Single();

        Assert.Equal("Disadvantaged", group.Label);
        Assert.Equal(Percentages.Of(9 + 18 + 20, 10 + 20 + 50), group.AttendanceRate);
        Assert.Equal((7, 7, 7, 5), (group.Pupils, group.PupilsWithPossibleSessions, group.PersistentAbsentees, group.SevereAbsentees));
        Assert.Equal(3m / 7, group.BehaviourPointsPerPupil);
    }

    /// <summary>The DfE counts a looked-after child as disadvantaged; an MIS may flag them without the pupil premium.</summary>
    [Fact]
    public void For_LookedAfterWithoutFsmOrPupilPremium_Disadvantaged()
    {
        var pupils = Many(6, "c", id => Pupil(id, lookedAfter: true));

        Assert.Equal([("Disadvantaged", 6)], By(GroupDimension.Disadvantaged, pupils).Groups.Select(g => (g.Label, g.Pupils)));
    }

    [Fact]
    public void For_SnapshotWithoutCharacteristics_OnlyTheDimensionsItHolds()
    {
        var pupils = Many(6, "p", id => Pupil(id) with { Characteristics = null }).ToList();

        Assert.Equal([GroupDimension.Sen, GroupDimension.YearGroup], GroupBreakdown.For(pupils, GroupBreakdown.All).Select(d => d.Dimension));
    }
}
