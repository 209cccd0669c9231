using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>Rows of a bundle's file that are not records: the header row again, where two exports of one file were joined into one.</summary>
public class CsvTableTests
{
    private const string PupilsHeader = "UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group\n";
    private const string Pupils = PupilsHeader + "C201100025001,Smith,Olivia,2014-01-02,7,7A\nR201100025002,Jones,Harry,2014-03-04,7,7B\n";

    private static SchoolExport Read(string file, string text) => BundleReader.Read(file == "pupils.csv"
        ? TestFiles.Bundle((file, Encoding.UTF8.GetBytes(text)))
        : TestFiles.Bundle(("pupils.csv", Encoding.UTF8.GetBytes(Pupils)), (file, Encoding.UTF8.GetBytes(text))));

    /// <remarks>
    /// Read as a record, the header row was a pupil with UPN 'UPN' ("a UPN has 13 characters, this has 3"), which sends
    /// the data manager to the MIS looking for a pupil. The error says what the line is, once, and the rows around it are read.
    /// </remarks>
    [Theory]
    [InlineData("pupils.csv", Pupils + PupilsHeader + "F201100025003,Brown,Alfie,2014-05-06,7,7A\n", 4, 3)]
    [InlineData("pupils.csv", Pupils + "upn , legal surname,Legal Forename,Date of Birth,Year,Reg Group\r\n", 4, 2)]
    [InlineData("attendance.csv", "UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\nUPN,Date,Session,Mark\nR201100025002,2025-09-03,AM,/\n", 3, 2)]
    public void Read_HeaderRowRepeatedBelowRows_OneErrorSayingSoAndTheOtherRowsRead(string file, string text, int line, long records)
    {
        var export = Read(file, text);

        var error = Assert.Single(export.Issues, i => i.File == file && i.IsError);
        Assert.Equal(line, error.Line);
        Assert.Equal($"this line repeats the header row (line 1): were two exports of {file} joined into one? The line is skipped; check that the rows after it are not the rows before it again", error.Reason);
        Assert.Equal(records, export.RecordsRead[file]);
    }
}
