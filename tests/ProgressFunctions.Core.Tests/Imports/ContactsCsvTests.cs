using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;

namespace ProgressFunctions.Core.Tests.Imports;

public class ContactsCsvTests
{
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
}
