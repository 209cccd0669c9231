using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Schools;

public class SchoolSettingsTests
{
    private static (SchoolSettings Settings, IReadOnlyList<(string Key, string Value, string Reason)> Problems) Parse(string key, string json) =>
        SchoolSettings.Parse(new Dictionary<string, string> { [key] = json });

    [Theory]
    [InlineData("\"09:30\"", 9, 30)]
    [InlineData("\"8:45\"", 8, 45)]
    [InlineData("\"16:05\"", 16, 5)]
    public void Parse_RegistersClose_ReadsTheTime(string json, int hour, int minute)
    {
        var (settings, problems) = Parse("registersClose", json);

        Assert.Equal(new TimeOnly(hour, minute), settings.RegistersClose);
        Assert.Empty(problems);
    }

    /// <remarks>A setting that is not usable is reported naming its key, and its default is used: never a silent change.</remarks>
    [Theory]
    [InlineData("registersClose", "\"half nine\"", "registersClose 'half nine' is not a time of day")]
    [InlineData("registersClose", "930", "registersClose '930' is not a time of day")]
    [InlineData("parentLetters", "{ \"enabled\": true, \"stage\": [95] }", "parentLetters:")]
    [InlineData("parentLetters", "{ \"enabled\": true, \"stages\": [120] }", "parentLetters.stages must be percentages")]
    [InlineData("alerts", "{ \"coolDownDay\": 3 }", "alerts")]
    [InlineData("protectParentReports", "\"yes\"", "protectParentReports must be true or false")]
    [InlineData("reviewSchoolDays", "-1", "reviewSchoolDays must be a whole number of school days from 0 to 10")]
    [InlineData("reviewSchoolDays", "\"two\"", "reviewSchoolDays must be")]
    [InlineData("sender", "\"office at school\"", "sender 'office at school' is not an e-mail address: the e-mail address needs one '@'")]
    [InlineData("replyTo", "\"Office <office@>\"", "replyTo 'Office <office@>' is not an e-mail address")]
    [InlineData("replyTo", "42", "replyTo must be an e-mail address in quotes")]
    [InlineData("needsAttention", "{ \"shareOfSubjects\": 1.5 }", "1.5")]
    [InlineData("exportedAt", "\"yesterday\"", "exportedAt 'yesterday' is not a date and time")]
    [InlineData("senReport", "{ \"sections\": [\"attendance\", \"pastoral\"] }", "senReport.sections: 'pastoral' is not a section")]
    [InlineData("senReport", "{ \"sections\": [\"notes\", \"Notes\"] }", "senReport.sections names 'Notes' twice")]
    [InlineData("senReport", "{ \"sections\": [] }", "senReport.sections must be a list of one or more")]
    [InlineData("senReport", "{ \"order\": [\"notes\"] }", "senReport has no setting 'order'")]
    [InlineData("senReport", "[\"notes\"]", "senReport must be an object")]
    public void Parse_BadValue_ProblemNamesTheKeyAndTheDefaultStands(string key, string json, string reason)
    {
        var (settings, problems) = Parse(key, json);

        var problem = Assert.Single(problems);
        Assert.Equal((key, json), (problem.Key, problem.Value));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.EndsWith("the default is used", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(Value(SchoolSettings.Default, key), Value(settings, key));
        Assert.Empty(settings.Other);
    }

    private static object? Value(SchoolSettings settings, string key) => key switch
    {
        "registersClose" => settings.RegistersClose,
        "parentLetters" => settings.ParentLetters,
        "alerts" => settings.Alerts,
        "protectParentReports" => settings.ProtectParentReports,
        "reviewSchoolDays" => settings.ReviewSchoolDays,
        "sender" => settings.Sender,
        "replyTo" => settings.ReplyTo,
        "needsAttention" => settings.NeedsAttention,
        "exportedAt" => settings.ExportedAt,
        "senReport" => settings.SenReport,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    [Fact]
    public void Parse_ContactLineWithEscapedQuotes_ReadsTheText()
    {
        Assert.Equal("the \"front\" office", Parse("contactLine", "\"the \\\"front\\\" office\"").Settings.ContactLine);
        Assert.Equal("the Oak office", SchoolSettings.Default.ContactLineFor("Oak"));
    }

    [Fact]
    public void Parse_EveryKnownSetting_Typed()
    {
        var (settings, problems) = SchoolSettings.Parse(new Dictionary<string, string>
        {
            ["exportedAt"] = "\"2025-11-28T16:30:00Z\"",
            ["parentLetters"] = "{ \"enabled\": true, \"stages\": [92] }",
            ["protectParentReports"] = "true",
            ["reviewSchoolDays"] = "3",
            ["sender"] = "\"Oakfield Office <office@oakfield.sch.uk>\"",
            ["replyTo"] = "\"attendance@oakfield.sch.uk\"",
            ["needsAttention"] = """{ "shareOfSubjects": 0.75, "coreSubjects": ["Maths"] }""",
            ["somethingElse"] = "42",
        });

        Assert.Empty(problems);
        Assert.Equal(new DateTimeOffset(2025, 11, 28, 16, 30, 0, TimeSpan.Zero), settings.ExportedAt);
        Assert.True(settings.ParentLetters.Enabled);
        Assert.Equal([92m], settings.ParentLetters.Stages);
        Assert.True(settings.ProtectParentReports);
        Assert.Equal(3, settings.ReviewSchoolDays);
        Assert.Equal(("office@oakfield.sch.uk", "Oakfield Office"), (settings.Sender!.Address, settings.Sender.DisplayName));
        Assert.Equal("attendance@oakfield.sch.uk", settings.ReplyTo!.Address);
        Assert.Equal(0.75m, settings.NeedsAttention.ShareOfSubjects);
        Assert.Equal("42", settings.Other["somethingElse"]);
    }

    [Fact]
    public void Parse_SenReportSections_ReadInTheSchoolsOrder()
    {
        var (settings, problems) = Parse("senReport", "{ \"sections\": [\"Progress by subject\", \"attendance\", \"interventions\", \"notes\"] }");

        Assert.Empty(problems);
        Assert.Equal([ProgressFunctions.Core.Reports.Sen.SenSection.Progress, ProgressFunctions.Core.Reports.Sen.SenSection.Attendance, ProgressFunctions.Core.Reports.Sen.SenSection.Interventions, ProgressFunctions.Core.Reports.Sen.SenSection.Notes],
            settings.SenReport.Sections);
        Assert.Null(SchoolSettings.Default.SenReport.Sections);
    }
}
