using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Synthetic;

public class ContactTitleTests
{
    [Theory]
    [InlineData(SchoolPhase.Secondary, 600, 2026)]
    [InlineData(SchoolPhase.Primary, 210, 7)]
    public void Generate_ContactsAndStaff_TitleAgreesWithTheForename(SchoolPhase phase, int pupils, int seed)
    {
        string[] women = ["Sarah", "Emma", "Laura", "Rebecca", "Claire", "Joanne", "Agnieszka", "Nadia", "Siân", "Bríd", "Amara", "Samina", "Helen", "Bernadette", "Anika", "Rhiannon", "Margaret"];
        string[] men = ["David", "James", "Mark", "Paul", "Richard", "Daniel", "Piotr", "Tariq", "Rhys", "Ciarán", "Emeka", "Rajesh", "Gareth", "Tom"];
        var school = SchoolGenerator.Generate(new GeneratorOptions(phase, pupils, seed, new DateOnly(2026, 3, 20)));
        var people = school.Contacts.Select(c => (c.Title, c.Forename)).Concat(school.Staff.Select(s => (s.Title, s.Forename))).ToList();

        Assert.All(people, p => Assert.True(women.Contains(p.Forename) || men.Contains(p.Forename), $"{p.Forename} is neither list's"));
        Assert.All(people.Where(p => women.Contains(p.Forename)), p => Assert.Contains(p.Title, new[] { "Mrs", "Ms" }));
        Assert.All(people.Where(p => men.Contains(p.Forename)), p => Assert.Equal("Mr", p.Title));
        Assert.Contains(people, p => p.Title == "Mrs");
        Assert.Contains(people, p => p.Title == "Ms");
    }

    [Fact]
    public void Generate_PupilsWithTwoParents_ParentsOfOneSexAsRareAsNationally()
    {
        // 0.4% of couple families with dependent children (Labour Force Survey); drawn independently it was half.
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, new DateOnly(2026, 3, 20)));
        var titles = school.Contacts.ToDictionary(c => c.Id, c => c.Title);
        var couples = school.ContactLinks.Where(l => l.Relationship is "Parent" or "Step-parent").GroupBy(l => l.PupilId)
            .Where(g => g.Count() == 2).Select(g => g.Select(l => titles[l.ContactId] == "Mr").Distinct().Count() == 1).ToList();

        Assert.True(couples.Count > 300, $"{couples.Count} pupils with two parents");
        Assert.InRange(couples.Count(sameSex => sameSex) / (double)couples.Count, 0, 0.02);
    }
}
