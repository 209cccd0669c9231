using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Tests.Ports;

public sealed class BlobPathTests
{
    [Theory]
    [InlineData("mis-exports/school-1/pupils.csv", "mis-exports", "school-1/pupils.csv")]
    [InlineData("reports/a.pdf", "reports", "a.pdf")]
    [InlineData("abc/x y/é.txt", "abc", "x y/é.txt")]
    public void Parse_ValidPath_SplitsContainerAndName(string path, string container, string name)
    {
        var parsed = BlobPath.Parse(path);
        Assert.Equal(container, parsed.Container);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(path, parsed.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("reports/../secrets.txt")]
    [InlineData("reports/a/..")]
    [InlineData("reports/./a.txt")]
    [InlineData("/reports/a.txt")]
    [InlineData("C:/reports/a.txt")]
    [InlineData("reports\\a.txt")]
    [InlineData("reports//a.txt")]
    [InlineData("reports/a.txt/")]
    [InlineData("reports")]
    [InlineData("Reports/a.txt")]
    [InlineData("ab/a.txt")]
    [InlineData("re--ports/a.txt")]
    [InlineData("reports/a\nb")]
    public void Parse_UnsafeOrInvalidPath_Refused(string path)
    {
        Assert.Throws<ArgumentException>(() => BlobPath.Parse(path));
        Assert.False(BlobPath.TryParse(path, out _));
    }

    [Theory]
    [InlineData("reports", "reports", "")]
    [InlineData("reports/", "reports", "")]
    [InlineData("reports/school-1/", "reports", "school-1/")]
    [InlineData("reports/school-1/2024", "reports", "school-1/2024")]
    public void ParsePrefix_ValidPrefix_SplitsContainerAndNamePrefix(string prefix, string container, string namePrefix)
    {
        Assert.Equal((container, namePrefix), BlobPath.ParsePrefix(prefix));
    }

    [Theory]
    [InlineData("reports/../")]
    [InlineData("../reports")]
    [InlineData("reports//")]
    public void ParsePrefix_UnsafePrefix_Refused(string prefix)
    {
        Assert.Throws<ArgumentException>(() => BlobPath.ParsePrefix(prefix));
    }
}
