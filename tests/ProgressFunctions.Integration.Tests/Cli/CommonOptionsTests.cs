using System.CommandLine;
using ProgressFunctions.Cli.Commands;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Integration.Tests.Cli;

public sealed class CommonOptionsTests
{
    private static Option<SnapshotPoint> Point() =>
        CommonOptions.Choice("--point", "The term's start or end", ("start", SnapshotPoint.Start), ("end", SnapshotPoint.End));

    private static Option<TermName> Term() =>
        CommonOptions.Choice("--term", "The term", ("autumn", TermName.Autumn), ("spring", TermName.Spring), ("summer", TermName.Summer));

    [Theory]
    [InlineData("start", SnapshotPoint.Start)]
    [InlineData("end", SnapshotPoint.End)]
    [InlineData("END", SnapshotPoint.End)]
    [InlineData(" Start ", SnapshotPoint.Start)]
    public void Choice_OneOfTheWordsInAnyCase_ReadAsItsValue(string text, SnapshotPoint expected)
    {
        var point = Point();

        var result = new RootCommand { point }.Parse(["--point", text]);

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.GetValue(point));
    }

    [Theory]
    [InlineData("middle")]
    [InlineData("Ks2Results")] // a member of the enum the option does not offer
    [InlineData("1")] // a number an enum option would take
    [InlineData("")]
    public void Choice_AnyOtherWord_OneErrorNamingTheWords(string text)
    {
        var result = new RootCommand { Point() }.Parse(["--point", text]);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"--point: '{text}' is not start or end", error.Message);
    }

    [Fact]
    public void Choice_ThreeWords_ErrorListsThemAll()
    {
        var result = new RootCommand { Term() }.Parse(["--term", "winter"]);

        Assert.Equal("--term: 'winter' is not autumn, spring or summer", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Choice_Help_ShowsTheWordsInOrder() => Assert.Equal("autumn|spring|summer", Term().HelpName);
}
