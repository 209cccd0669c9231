using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;

namespace ProgressFunctions.Core.Tests.Imports;

public class ContactsCsvTests
{
    [Fact]
    public void Read_AddressWithAZeroWidthSpace_ErrorNamesTheCharacterTheReaderCannotSee()
    {
        var pupils = new PupilIndex();
        pupils.Accept("A123456789012", "p1", new RowRef("pupils.csv", 2));
        var issues = new List<ImportIssue>();
        var text = "Contact ID,Pupil UPN,Forename,Surname,Email,Parental Responsibility\nc1,A123456789012,Ann,Lee,ann@example.org\u200B,Y\n";

        ContactsCsv.Read(new StringReader(text), pupils, issues);

        var issue = Assert.Single(issues, i => i.IsError);
        Assert.Equal("'ann@example.org<U+200B>' is not an e-mail address; the contact is kept without one", issue.Reason);
        Assert.Equal("ann@example.org\u200B", issue.Value);
    }

    [Theory]
    [InlineData("mum@home.example", "mum@home.example", false)]
    [InlineData("", null, false)]
    [InlineData("bad@@example", null, true)]
    public void Read_EmailCell_AnInvalidAddressIsDroppedAndMarkedRefused(string cell, string? email, bool refused)
    {
        var pupils = new PupilIndex();
        pupils.Accept("A123456789012", "p1", new RowRef("pupils.csv", 2));
        var issues = new List<ImportIssue>();
        var text = $"Contact ID,Pupil UPN,Forename,Surname,Email,Parental Responsibility\nc1,A123456789012,Ann,Lee,{cell},Y\n";

        var read = ContactsCsv.Read(new StringReader(text), pupils, issues);

        var contact = Assert.Single(read.Contacts);
        Assert.Equal((email, refused), (contact.Email, contact.EmailRefused));
        Assert.Equal(refused, issues.Any(i => i.Reason == "'bad@@example' is not an e-mail address; the contact is kept without one"));
    }

    [Theory]
    [InlineData("Ann,Lee,ann@home.example", "Ann,Lee,", "e-mail ann@home.example here, blank on line 3", "e-mail blank here, ann@home.example on line 2")]
    [InlineData("Ann,Lee,ann@home.example", "Ann,Lee, ANN@home.example ", null, null)]
    [InlineData("Ann,Lee,ann@home.example", "Anne,Lee,ann@home.example", "name Ann Lee here, Anne Lee on line 3", "name Anne Lee here, Ann Lee on line 2")]
    public void Read_OneIdOnTwoRows_RefusedNamingWhatDiffers(string first, string second, string? firstSays, string? secondSays)
    {
        var pupils = new PupilIndex();
        pupils.Accept("A123456789012", "p1", new RowRef("pupils.csv", 2));
        pupils.Accept("B123456789012", "p2", new RowRef("pupils.csv", 3));
        var issues = new List<ImportIssue>();
        var text = $"Contact ID,Pupil UPN,Forename,Surname,Email,Parental Responsibility\nc1,A123456789012,{first},Y\nc1,B123456789012,{second},Y\n";

        var read = ContactsCsv.Read(new StringReader(text), pupils, issues);

        string? Says(int line) => issues.SingleOrDefault(i => i.Line == line)?.Reason;
        Assert.Equal(firstSays is null ? null : $"Contact ID c1 is also used on line 3 for a different person ({firstSays}): none of its rows is imported; make every row of this id name one person in the MIS", Says(2));
        Assert.Equal(secondSays is null ? null : $"Contact ID c1 is also used on line 2 for a different person ({secondSays}): none of its rows is imported; make every row of this id name one person in the MIS", Says(3));
        Assert.Equal(firstSays is null ? 2 : 0, read.Links.Count);
    }
    [Fact]
    public void Read_OneIdOnTwoRowsOneWithAnAddressThatIsNotOne_SaysSoNotBlank()
    {
        var pupils = new PupilIndex();
        pupils.Accept("A123456789012", "p1", new RowRef("pupils.csv", 2));
        pupils.Accept("B123456789012", "p2", new RowRef("pupils.csv", 3));
        var issues = new List<ImportIssue>();
        var text = "Contact ID,Pupil UPN,Forename,Surname,Email,Parental Responsibility\nc1,A123456789012,Ann,Lee,annhome.example,Y\nc1,B123456789012,Ann,Lee,ann@home.example,Y\n";

        ContactsCsv.Read(new StringReader(text), pupils, issues);

        Assert.Contains(issues, i => i.Line == 2 && i.Reason.Contains("(e-mail not a valid address here, ann@home.example on line 3)", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 3 && i.Reason.Contains("(e-mail ann@home.example here, not a valid address on line 2)", StringComparison.Ordinal));
    }
}
