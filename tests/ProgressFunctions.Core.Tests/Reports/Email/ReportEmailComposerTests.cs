using System.Net;
using System.Text.RegularExpressions;
using ProgressFunctions.Core.Reports.Email;

namespace ProgressFunctions.Core.Tests.Reports.Email;

public partial class ReportEmailComposerTests
{
    private const string Contact = "the school office on 01632 960123 or office@zoepark.example";

    public static TheoryData<string, ComposedEmail> Emails => new()
    {
        { "one child", ReportEmailComposer.ForParent(new("Zoë Park Academy", "Ms Nowak", "Spring term 2025/26", [new("Łukasz Nowak", "2025-26-spring-P00001.pdf")], Contact)) },
        { "two children, protected", ReportEmailComposer.ForParent(new("Zoë Park Academy", null, "Spring term 2025/26",
            [new("Amelia O'Brien", "2025-26-spring-P00002.pdf", true), new("Jack <b>O'Brien</b> & co", "2025-26-spring-P00003.pdf", true)], Contact)) },
        { "staff", ReportEmailComposer.ForStaff(new("Zoë Park Academy", "Ms Evans", "Year 9 report", "Spring term 2025/26", "2025-26-spring-year-9.pdf")) },
        { "digest", ReportEmailComposer.ForAttendanceDigest("Zoë Park Academy", "Mr Rao", "13 March 2026", "attendance-digest-2026-03-13.pdf") },
    };

    [Theory]
    [MemberData(nameof(Emails))]
    public void Compose_AnyCase_SubjectHoldsNoFigureOrGrade(string name, ComposedEmail email)
    {
        Assert.DoesNotContain("%", email.Subject, StringComparison.Ordinal);
        // The only numbers are the period, the digest's date and a year group: never a figure or a grade.
        var withoutPeriod = email.Subject.Replace("2025/26", "", StringComparison.Ordinal).Replace("13 March 2026", "", StringComparison.Ordinal).Replace("Year 9", "", StringComparison.Ordinal);
        Assert.False(Digits().IsMatch(withoutPeriod), name);
        Assert.DoesNotContain("grade", email.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("attendance figure", email.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', email.Subject);
    }

    [Theory]
    [MemberData(nameof(Emails))]
    public void Compose_AnyCase_TextAndHtmlCarryTheSameSentences(string name, ComposedEmail email)
    {
        var html = Paragraph().Matches(email.HtmlBody).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var text = email.TextBody.TrimEnd('\n').Split("\n\n");

        Assert.Equal(text, html);
        Assert.NotEmpty(html);
        Assert.All(email.AttachmentFileNames, f => Assert.Contains(f, email.TextBody, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(name));
    }

    /// <summary>Parents are told whom to contact; staff, who can have a record corrected, where it comes from and who corrects it (the school office cannot).</summary>
    [Theory]
    [MemberData(nameof(Emails))]
    public void Compose_AnyCase_ParentsGetTheContactLineStaffTheMis(string name, ComposedEmail email)
    {
        var toParents = name.StartsWith("one child", StringComparison.Ordinal) || name.StartsWith("two children", StringComparison.Ordinal);

        Assert.Equal(toParents, email.TextBody.Contains(Contact, StringComparison.Ordinal));
        Assert.Equal(!toParents, email.TextBody.Contains("tell the data manager or correct it in the MIS", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Emails))]
    public void Compose_AnyCase_HtmlHasNoRemoteImageScriptOrRawMarkupFromValues(string name, ComposedEmail email)
    {
        Assert.False(RemoteImage().IsMatch(email.HtmlBody), name);
        Assert.DoesNotContain("<script", email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", email.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ForParent_TwoChildren_OneParagraphPerChildNamingTheFile()
    {
        var email = ReportEmailComposer.ForParent(new("Zoë Park Academy", null, "Spring term 2025/26",
            [new("Amelia O'Brien", "a.pdf", true), new("Jack O'Brien", "b.pdf")], Contact));

        Assert.Equal("Zoë Park Academy: Spring term 2025/26 progress reports", email.Subject);
        Assert.Equal(["a.pdf", "b.pdf"], email.AttachmentFileNames);
        Assert.Contains("Amelia O'Brien's report, covering attendance, punctuality, behaviour and progress in each subject, is attached as a.pdf. It opens with Amelia O'Brien's date of birth", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Jack O'Brien's report, covering attendance, punctuality, behaviour and progress in each subject, is attached as b.pdf.\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Jack O&#39;Brien&#39;s report", email.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("Dear parent or carer,", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "Here is the Spring term 2025/26 progress report from Zoë Park Academy, with figures up to 13 March 2026.")]
    [InlineData(2, "Here are the Spring term 2025/26 progress reports from Zoë Park Academy for each of your children, with figures up to 13 March 2026.")]
    public void ForParent_FiguresToGiven_SaysHowRecentTheFiguresAre(int children, string opening)
    {
        var email = ReportEmailComposer.ForParent(new("Zoë Park Academy", null, "Spring term 2025/26",
            [.. Enumerable.Range(1, children).Select(i => new ChildReport($"Child {i}", $"{i}.pdf"))], Contact) { FiguresTo = new DateOnly(2026, 3, 13) });

        Assert.Equal(opening, email.TextBody.Split("\n\n")[1]);
    }

    [Theory]
    [InlineData(1, "Dear parent or carer,\n\nHere is the Spring term 2025/26 progress report from Zoë Park Academy.\n\n")]
    [InlineData(2, "Dear parent or carer,\n\nHere are the Spring term 2025/26 progress reports from Zoë Park Academy for each of your children.\n\n")]
    public void ForParent_Children_OpensWithOneSentenceThatDoesNotRepeatTheAttachment(int children, string expected)
    {
        var email = ReportEmailComposer.ForParent(new("Zoë Park Academy", null, "Spring term 2025/26",
            [.. Enumerable.Range(1, children).Select(i => new ChildReport($"Child {i}", $"{i}.pdf"))], Contact));

        Assert.StartsWith(expected, email.TextBody, StringComparison.Ordinal);
        Assert.Equal(children, email.TextBody.Split("attached", StringSplitOptions.None).Length - 1);
    }

    [Theory]
    [InlineData(null, "They go to families on Tuesday 24 March 2026 unless someone holds them. The summary")]
    [InlineData("parents-2025-26-spring-end", "but batch parents-2025-26-spring-end has newer figures: these go to families only if someone releases them with --include-stale. The summary")]
    public void ForBatchPreview_DueOrStale_SaysWhenTheyGoInOneSentence(string? newerBatch, string expected)
    {
        var email = ReportEmailComposer.ForBatchPreview(
            "Zoë Park Academy", "Ms Evans", "Spring term 2025/26 progress reports", "Tuesday 24 March 2026", newerBatch,
            "progress hold --school 100001 --batch b --reason \"...\"", ["preview.pdf", "not-reached.csv"]);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("no day", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(newerBatch is null, email.TextBody.Contains("24 March", StringComparison.Ordinal));
    }

    [Fact]
    public void ForStaff_FileToTheDataManager_TellsThemToCorrectTheMisNotToTellThemselves()
    {
        var email = ReportEmailComposer.ForStaff(new("Zoë Park Academy", "Mr Shah", "import report", "export.zip", "export.zip.errors.csv") { ToDataManager = true });

        Assert.Contains("Correct in the MIS what it lists and export again", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("tell the data manager", email.TextBody, StringComparison.Ordinal);
    }

    /// <summary>The headteacher reviews a batch too, and does not run the program: the e-mail says who holds it, with the command to copy whole.</summary>
    [Fact]
    public void ForBatchPreview_AnyReviewer_SaysTheDataManagerRunsTheHold()
    {
        const string hold = "progress hold --school 100001 --batch parents-2025-26-spring-end --reason \"...\"";
        var email = ReportEmailComposer.ForBatchPreview("Zoë Park Academy", "Mrs Marsh", "parent reports", "Tuesday 24 March 2026", null, hold, ["review.pdf"]);

        Assert.Contains($"To hold them, the data manager runs: {hold}\n", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ForStaff_SubjectWithLineBreak_IsOneLine()
    {
        var email = ReportEmailComposer.ForStaff(new("Zoë Park\r\nBcc: x@evil.example", "Ms Evans", "SEN report", "Spring term 2025/26", "sen.pdf"));

        Assert.Equal("Zoë Park Bcc: x@evil.example: SEN report, Spring term 2025/26", email.Subject);
    }

    [GeneratedRegex("[0-9]")]
    private static partial Regex Digits();

    [GeneratedRegex("<p[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex("<img[^>]+src\\s*=\\s*[\"']?https?:", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteImage();
}
