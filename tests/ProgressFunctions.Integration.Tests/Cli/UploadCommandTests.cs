using ProgressFunctions.Integration.Tests.Integrity;

namespace ProgressFunctions.Integration.Tests.Cli;

/// <summary><c>progress upload</c> on one machine: what it puts under <c>mis-exports/</c>, and what it refuses first.</summary>
public class UploadCommandTests
{
    /// <remarks>
    /// The export's school.json says URN 100001. Under a mistyped id it would be rejected by the next run-due under a
    /// school with no staff, so nobody would hear of it: refused here with ingest's message. A CTF has no school.json and
    /// is uploaded as before.
    /// </remarks>
    [Theory]
    [InlineData("export", "10001", 2, null)]
    [InlineData("export.zip", "10001", 2, null)]
    [InlineData("export", "100001", 0, "mis-exports/100001/export.zip")]
    [InlineData("export.zip", "100001", 0, "mis-exports/100001/export.zip")]
    [InlineData("ctf/school.ctf.xml", "10001", 0, "mis-exports/10001/school.ctf.xml")]
    public void Upload_SchoolAgainstTheExportsSchoolJson_RefusedBeforeUploadingWhenTheyDiffer(string path, string school, int expectedExit, string? uploaded)
    {
        var folder = CliProcess.TempFolder();
        var export = IntegrityRun.NewExport(pupils: 5);
        export.WriteFolder(Path.Combine(folder, "export"));
        File.WriteAllBytes(Path.Combine(folder, "export.zip"), export.Zip());
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "5", "--format", "ctf", "--out", "ctf").ExitCode);

        var (exit, output, error) = CliProcess.Run(folder, "upload", path, "--school", school);

        Assert.Equal(expectedExit, exit);
        var blobs = Path.Combine(folder, "data", "blobs");
        if (uploaded is null)
        {
            Assert.Equal($"progress upload: the export's school.json is for URN 100001, not school {school}: store it under --school 100001, "
                + $"or set \"schoolId\": \"{school}\" in its school.json if this school is filed under that id", error.Trim());
            Assert.False(Directory.Exists(Path.Combine(folder, "data")), "the upload started a store");
        }
        else
        {
            Assert.Contains($"to {uploaded}", output);
            Assert.True(File.Exists(Path.Combine(blobs, uploaded)), uploaded);
        }
    }
}
