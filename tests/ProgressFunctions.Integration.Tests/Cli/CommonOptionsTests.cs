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

    [Theory]
    [InlineData("2026-03-20", "2026-03-20")]
    [InlineData("20/03/2026", "2026-03-20")]
    [InlineData("1/9/2025", "2025-09-01")]
    public void AsOf_IsoOrUkDate_ReadAsThatDay(string text, string expected)
    {
        var asOf = CommonOptions.AsOf();

        var result = new RootCommand { asOf }.Parse(["--as-of", text]);

        Assert.Empty(result.Errors);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CommonOptions.ResolveAsOf(result.GetValue(asOf), TimeProvider.System));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("03/20/2026")] // month first, as an American date
    [InlineData("tomorrow")]
    public void AsOf_NotADate_OneErrorNamingBothForms(string text)
    {
        var result = new RootCommand { CommonOptions.AsOf() }.Parse(["--as-of", text]);

        Assert.Equal($"--as-of: '{text}' is not a date (use yyyy-MM-dd or dd/MM/yyyy, for example 2026-03-20 or 20/03/2026)", Assert.Single(result.Errors).Message);
    }
}
