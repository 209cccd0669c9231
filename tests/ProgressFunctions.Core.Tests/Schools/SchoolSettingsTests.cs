using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Schools;

public sealed class SchoolSettingsTests
{
    [Theory]
    [InlineData(null, "09:30", false)]
    [InlineData("\"08:50\"", "08:50", false)]
    [InlineData("\"9:05\"", "09:05", false)]
    [InlineData("\"half nine\"", "09:30", true)]
    [InlineData("\"25:00\"", "09:30", true)]
    [InlineData("930", "09:30", true)]
    public void RegistersClose_Setting_ParsedOrDefaultWithError(string? raw, string expected, bool error)
    {
        var settings = raw is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["registersClose"] = raw };

        var (time, problem) = SchoolSettings.RegistersClose(settings);

        Assert.Equal(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(error, problem is not null);
    }

    [Fact]
    public void ContactLine_JsonEscapes_ReadAsText() =>
        Assert.Equal("the \"front\" office", SchoolSettings.ContactLine(new Dictionary<string, string> { ["contactLine"] = "\"the \\\"front\\\" office\"" }, "Oak"));

    [Fact]
    public void ContactLine_None_IsTheSchoolOffice() =>
        Assert.Equal("the Oak office", SchoolSettings.ContactLine(new Dictionary<string, string>(), "Oak"));

    [Fact]
    public void NeedsAttention_PartialSettings_KeepDefaultsAndRejectNonsense()
    {
        var (rule, error) = SchoolSettings.NeedsAttention(new Dictionary<string, string> { ["needsAttention"] = """{ "shareOfSubjects": 0.75, "coreSubjects": ["Maths"] }""" });
        Assert.Null(error);
        Assert.Equal((0.75m, true), (rule.ShareOfSubjects, rule.WellBelowInAnySubject));
        Assert.Equal(["Maths"], rule.CoreSubjects);

        Assert.Contains("1.5", SchoolSettings.NeedsAttention(new Dictionary<string, string> { ["needsAttention"] = """{ "shareOfSubjects": 1.5 }""" }).Error);
        Assert.Contains("shareOfSubject", SchoolSettings.NeedsAttention(new Dictionary<string, string> { ["needsAttention"] = """{ "shareOfSubject": 0.5 }""" }).Error);
    }

    [Fact]
    public void SchoolJsonRead_BadSetting_IsAnImportWarningNamingTheValue()
    {
        const string Json = """
            { "urn": "100001", "name": "Oak", "terms": [{ "name": "autumn", "start": "2025-09-03", "end": "2025-12-19" }],
              "registersClose": "half nine", "needsAttention": { "shareOfSubjects": 2 } }
            """;
        var issues = new List<ImportIssue>();

        var profile = SchoolJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(Json)), BankHolidays.EnglandAndWales, issues);

        Assert.NotNull(profile);
        var close = Assert.Single(issues, i => i.Column == "registersClose");
        Assert.False(close.IsError);
        Assert.Contains("'half nine'", close.Reason);
        Assert.Contains(issues, i => i.Column == "needsAttention" && !i.IsError && i.Reason.Contains("shareOfSubjects is 2", StringComparison.Ordinal));
    }
}
