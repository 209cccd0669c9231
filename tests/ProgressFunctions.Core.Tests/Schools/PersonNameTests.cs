using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Schools;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Amelia\tThomas", "Amelia Thomas")]
    [InlineData(" Amelia\r\n Thomas ", "Amelia Thomas")]
    [InlineData("Amelia  Thomas", "Amelia Thomas")]
    [InlineData("Zoë Ó Súilleabháin", "Zoë Ó Súilleabháin")]
    [InlineData(" Amelia", "Amelia")]
    [InlineData("Amelia ", "Amelia")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    [InlineData("Amelia\u00A0Thomas", "Amelia\u00A0Thomas")]
    [InlineData("Amelia\u200BThomas", "AmeliaThomas")]
    [InlineData("\u202EsamohT", "samohT")]
    [InlineData("\uFEFFAmelia \u200F", "Amelia")]
    [InlineData("\u0645\u200C\u0631", "\u0645\u200C\u0631")]
    public void Clean_ControlCharactersAndRuns_OneSpaceEach(string name, string expected) =>
        Assert.Equal(expected, PersonName.Clean(name));

    [Fact]
    public void Clean_AlreadyClean_SameInstance()
    {
        var name = "Amelia Thomas";

        Assert.Same(name, PersonName.Clean(name));
    }

    [Fact]
    public void Order_AccentedNames_SitWithTheirPlainLetters()
    {
        string[] names = ["Zoe Hussain", "Łukasz Green", "Oliver Taylor", "Ó Súilleabháin", "Lily Kowalski", "amelia Thomas", "Oisin Kowalski"];

        var ordered = names.Order(PersonName.Order).ToList();

        Assert.Equal(["amelia Thomas", "Lily Kowalski", "Łukasz Green", "Ó Súilleabháin", "Oisin Kowalski", "Oliver Taylor", "Zoe Hussain"], ordered);
    }

    [Theory]
    [InlineData("Łukasz", "Luke")]
    [InlineData("Ó Súilleabháin", "O'Brien")]
    [InlineData("smith", "Smith")]
    [InlineData("Zoë", "Zoe")]
    [InlineData("Nguyễn", "Nguyen")]
    [InlineData("", "Adams")]
    [InlineData("de la Cruz", "Dela Cruz")]
    [InlineData("Ng", "NG ")]
    public void OrderKey_TwoNames_CompareAsOrderComparesThem(string first, string second)
    {
        Assert.Equal(Math.Sign(PersonName.Order.Compare(first, second)), Math.Sign(PersonName.KeyOrder.Compare(PersonName.OrderKey(first), PersonName.OrderKey(second))));
        Assert.Equal(Math.Sign(PersonName.Order.Compare(second, first)), Math.Sign(PersonName.KeyOrder.Compare(PersonName.OrderKey(second), PersonName.OrderKey(first))));
    }

    [Theory]
    [InlineData("Sin?ad", '?')]
    [InlineData("Bront\uFFFD", '\uFFFD')]
    [InlineData("Siobh\u00e1n O'Brien-Smith", null)]
    [InlineData("", null)]
    public void LostLetter_NameAsSaved_TheCharacterStandingForALetter(string name, char? expected) =>
        Assert.Equal(expected, PersonName.LostLetter(name));
}
