using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Tests.Attendance;

public class AttendanceCodeTests
{
    public static TheoryData<string, AttendanceCategory> EveryCode => new()
    {
        { "/", AttendanceCategory.Present }, { "\\", AttendanceCategory.Present }, { "L", AttendanceCategory.Present },
        { "K", AttendanceCategory.ApprovedActivity }, { "V", AttendanceCategory.ApprovedActivity },
        { "P", AttendanceCategory.ApprovedActivity }, { "W", AttendanceCategory.ApprovedActivity },
        { "B", AttendanceCategory.ApprovedActivity },
        { "C", AttendanceCategory.AuthorisedAbsence }, { "C1", AttendanceCategory.AuthorisedAbsence },
        { "C2", AttendanceCategory.AuthorisedAbsence }, { "M", AttendanceCategory.AuthorisedAbsence },
        { "J1", AttendanceCategory.AuthorisedAbsence }, { "S", AttendanceCategory.AuthorisedAbsence },
        { "T", AttendanceCategory.AuthorisedAbsence }, { "R", AttendanceCategory.AuthorisedAbsence },
        { "I", AttendanceCategory.AuthorisedAbsence }, { "E", AttendanceCategory.AuthorisedAbsence },
        { "G", AttendanceCategory.UnauthorisedAbsence }, { "N", AttendanceCategory.UnauthorisedAbsence },
        { "O", AttendanceCategory.UnauthorisedAbsence }, { "U", AttendanceCategory.UnauthorisedAbsence },
        { "D", AttendanceCategory.NotPossible }, { "X", AttendanceCategory.NotPossible }, { "Q", AttendanceCategory.NotPossible },
        { "Y1", AttendanceCategory.NotPossible }, { "Y2", AttendanceCategory.NotPossible }, { "Y3", AttendanceCategory.NotPossible },
        { "Y4", AttendanceCategory.NotPossible }, { "Y5", AttendanceCategory.NotPossible }, { "Y6", AttendanceCategory.NotPossible },
        { "Y7", AttendanceCategory.NotPossible }, { "Z", AttendanceCategory.NotPossible }, { "#", AttendanceCategory.NotPossible },
    };

    [Theory]
    [MemberData(nameof(EveryCode))]
    public void Parse_CurrentCode_HasDfeCategory(string text, AttendanceCategory expected)
    {
        var code = AttendanceCode.Parse(text);

        Assert.Equal(text, code.Code);
        Assert.Equal(expected, code.Category);
        Assert.False(code.IsLegacy);
        Assert.False(string.IsNullOrWhiteSpace(code.Meaning));
    }

    [Fact]
    public void Current_EveryCode_IsCoveredByTheTable()
    {
        Assert.Equal(EveryCode.Count(), AttendanceCode.Current.Count);
    }

    [Theory]
    [InlineData("H", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("F", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("J", AttendanceCategory.ApprovedActivity)]
    [InlineData("Y", AttendanceCategory.NotPossible)]
    public void Parse_LegacyCode_IsReadableAndMarkedLegacy(string text, AttendanceCategory expected)
    {
        var code = AttendanceCode.Parse(text);

        Assert.True(code.IsLegacy);
        Assert.Equal(expected, code.Category);
        Assert.DoesNotContain(code, AttendanceCode.Current);
    }

    [Theory]
    [InlineData("L", true)]
    [InlineData("U", true)]
    [InlineData("/", false)]
    [InlineData("N", false)]
    public void IsLate_OnlyLateCodes_AreLate(string text, bool expected) => Assert.Equal(expected, AttendanceCode.Parse(text).IsLate);

    [Theory]
    [InlineData("A")]
    [InlineData("Y8")]
    [InlineData("C3")]
    [InlineData("l")]
    [InlineData("")]
    [InlineData("//")]
    public void TryParse_UnknownCode_ReturnsFalse(string text) => Assert.False(AttendanceCode.TryParse(text, out _));

    [Fact]
    public void Parse_UnknownCode_ErrorNamesTheCode()
    {
        var error = Assert.Throws<FormatException>(() => AttendanceCode.Parse("Y9"));

        Assert.Contains("'Y9'", error.Message);
    }

    [Fact]
    public void TryParse_SurroundingSpaces_AreIgnored()
    {
        Assert.True(AttendanceCode.TryParse(" C1 ", out var code));
        Assert.Equal("C1", code.Code);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse() => Assert.False(AttendanceCode.TryParse((string?)null, out _));

    [Theory]
    [InlineData("l", null, "unknown attendance code 'l': codes are upper case, did you mean 'L'? (see 'progress codes')")]
    [InlineData("c1", null, "unknown attendance code 'c1': codes are upper case, did you mean 'C1'? (see 'progress codes')")]
    [InlineData("Q9", null, "unknown attendance code 'Q9' (see 'progress codes')")]
    [InlineData("k", "for 2025-09-03 AM", "unknown attendance code 'k' for 2025-09-03 AM: codes are upper case, did you mean 'K'? (see 'progress codes')")]
    [InlineData("9", "for 2025-09-03 PM", "unknown attendance code '9' for 2025-09-03 PM (see 'progress codes')")]
    public void Unknown_Text_SaysWhyAndTheCodeMeantWhenOnlyTheCaseIsWrong(string text, string? where, string expected)
    {
        Assert.False(AttendanceCode.TryParse(text, out _));
        Assert.Equal(expected, AttendanceCode.Unknown(text, where));
    }
}
