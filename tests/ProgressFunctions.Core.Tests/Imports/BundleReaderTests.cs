using System.Text;
using ProgressFunctions.Core.Imports.Bundle;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>A file of the bundle there under another name: the message about the missing file names the one probably meant.</summary>
public class BundleReaderTests
{
    private static readonly byte[] s_pupils = Encoding.UTF8.GetBytes("UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group\nC201100025001,Smith,Olivia,2014-01-02,7,7A\n");

    [Theory]
    [InlineData("attendence.csv", "attendance.csv")]
    [InlineData("Attendance (1).csv", "attendance.csv")]
    [InlineData("contacts - Copy.csv", "contacts.csv")]
    [InlineData("contact.csv", "contacts.csv")]
    [InlineData("pupils.csv.txt", "pupils.csv")]
    public void Read_FileUnderAnotherName_MissingFileMessageNamesIt(string name, string file)
    {
        var files = new List<(string, byte[])> { (name, name.StartsWith("pupils", StringComparison.Ordinal) ? s_pupils : "x\n"u8.ToArray()) };
        if (file != "pupils.csv")
        {
            files.Add(("pupils.csv", s_pupils));
        }

        var export = BundleReader.Read(TestFiles.Bundle([.. files]));

        var issue = Assert.Single(export.Issues, i => i.File == file && i.Line == 0);
        Assert.Equal($"bundle has no {file}: it has '{name}', which is not read; if that is the {file}, give it that name and import again", issue.Reason);
    }

    /// <remarks>A workbook or a CTF is not a CSV under another name, and a file the bundle reads is never the one meant.</remarks>
    [Theory]
    [InlineData("pupils.xlsx", "pupils.csv")]
    [InlineData("school.ctf.xml", "school.json")]
    [InlineData("exclusions.csv", "attendance.csv")]
    public void Read_NoFileCloseToTheMissingOne_MissingFileMessageAlone(string name, string file)
    {
        var files = new List<(string, byte[])> { (name, "x\n"u8.ToArray()) };
        if (file != "pupils.csv")
        {
            files.Add(("pupils.csv", s_pupils));
        }

        var bundle = file == "school.json"
            ? new MemoryBundleSource(files.ToDictionary(f => f.Item1, f => f.Item2))
            : TestFiles.Bundle([.. files]);
        var export = BundleReader.Read(bundle);

        var issue = Assert.Single(export.Issues, i => i.File == file && i.Line == 0);
        Assert.Equal($"bundle has no {file}", issue.Reason);
    }
}
