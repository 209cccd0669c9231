using ProgressFunctions.Core.Email;

namespace ProgressFunctions.Integration.Tests.Email.Support;

/// <summary>Messages shaped like the report dispatch job's, with names that need encoding.</summary>
internal static class TestMessages
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public static byte[] SamplePdf => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Email", "Fixtures", "sample-report.pdf"));

    public static EmailMessage Report(
        string key = "rpt-2026-summer-p123.c456",
        IReadOnlyList<EmailAddress>? to = null,
        string subject = "Progress report for Zoë Ní Bhriain – summer term",
        byte[]? pdf = null,
        string fileName = "Łukasz Kowalski – raport.pdf") => new()
        {
            MessageKey = key,
            From = EmailAddress.Create("office@school.example.org", "St Siobhán's School, Office"),
            ReplyTo = EmailAddress.Create("progress@school.example.org"),
            To = to ?? [EmailAddress.Create("lukasz.kowalski@example.org", "Łukasz Kowalski")],
            Subject = subject,
            TextBody = "Dear Łukasz,\n\nPlease find attached the summer report. Attendance: 96.4% = on track.\n",
            HtmlBody = "<p>Dear Łukasz,</p><p>Please find attached the summer report.</p>",
            Attachments = [EmailAttachment.Pdf(fileName, pdf ?? SamplePdf)],
            Categories = ["progress-report"],
            CustomArgs = new Dictionary<string, string> { [EmailMessage.ReportIdArg] = "r-123", [EmailMessage.RecipientIdArg] = "c-456" },
        };

    public static IReadOnlyList<EmailAddress> Parents(int count) =>
        [.. Enumerable.Range(1, count).Select(i => EmailAddress.Create($"parent{i}@example.org", $"Parent {i}"))];
}
