using System.Net;
using System.Text;

namespace ProgressFunctions.Core.Reports.Email;

/// <summary>An e-mail ready to hand to a sender: subject, plain text and HTML with the same sentences, and the files to attach.</summary>
public sealed record ComposedEmail(string Subject, string TextBody, string HtmlBody, IReadOnlyList<string> AttachmentFileNames);

/// <summary>One child's report in a parent's envelope.</summary>
/// <remarks><see cref="PasswordProtected"/>: the PDF opens with the child's date of birth (ddmmyyyy).</remarks>
public sealed record ChildReport(string PupilName, string FileName, bool PasswordProtected = false);

/// <summary>A parent's envelope: every report of their children at the school this term, in one message.</summary>
/// <remarks>
/// <see cref="Greeting"/>: how to address the contact ("Ms Smith"), null for "Dear parent or carer". <see cref="Period"/>:
/// what the reports cover, e.g. "Autumn term 2025/26". <see cref="ContactLine"/>: whom to contact, e.g. "the school
/// office on 01234 567890 or office@school.example".
/// </remarks>
public sealed record ParentEmailInput(string SchoolName, string? Greeting, string Period, IReadOnlyList<ChildReport> Reports, string ContactLine)
{
    /// <summary>The last day the reports' figures cover, said in the e-mail as the reports say it: a family reading it weeks later knows how old they are.</summary>
    public DateOnly? FiguresTo { get; init; }
}

/// <summary>A report sent to a member of staff.</summary>
/// <remarks><see cref="ReportTitle"/> is the report's title, e.g. "Year 9 report".</remarks>
public sealed record StaffEmailInput(string SchoolName, string RecipientName, string ReportTitle, string Period, string FileName)
{
    /// <summary>The workbook attached beside the PDF, if there is one.</summary>
    public string? WorkbookFileName { get; init; }

    /// <summary>The report names no pupil and hides small groups (the governors' report), so it is not described as pupils' personal data.</summary>
    public bool NamesNoPupil { get; init; }

    /// <summary>The file is for the data manager, who corrects the MIS (an import report): not told to tell themselves.</summary>
    public bool ToDataManager { get; init; }

    /// <summary>What the file holds, a paragraph each, after the sentence that attaches it.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
}

/// <summary>Writes the messages reports go out in. Pure: same input, same message.</summary>
/// <remarks>
/// The subject line names the school, the period and the kind of report, never a pupil's grades or figures. The text
/// and HTML bodies are built from one list of paragraphs, so they say the same thing; every interpolated value is
/// HTML-encoded, styles are inline, and there are no images or scripts.
/// </remarks>
public static class ReportEmailComposer
{
    private const string Font = "font-family:Segoe UI,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;";

    public static ComposedEmail ForParent(ParentEmailInput input)
    {
        ArgumentOutOfRangeException.ThrowIfZero(input.Reports.Count);
        var several = input.Reports.Count > 1;
        var paragraphs = new List<string>
        {
            input.Greeting is { Length: > 0 } greeting ? $"Dear {greeting}," : "Dear parent or carer,",
            (several
                ? $"Here are the {input.Period} progress reports from {input.SchoolName} for each of your children"
                : $"Here is the {input.Period} progress report from {input.SchoolName}")
                + (input.FiguresTo is { } to ? $", with figures up to {Reports.ReportFormat.Date(to)}." : "."),
        };
        paragraphs.AddRange(input.Reports.Select(r =>
            $"{r.PupilName}'s report, covering attendance, punctuality, behaviour and progress in each subject, is attached as {r.FileName}."
            + (r.PasswordProtected ? $" It opens with {r.PupilName}'s date of birth written as eight digits, day, month and year (ddmmyyyy)." : "")));
        paragraphs.Add($"If you have any questions about {(several ? "these reports" : "this report")}, please contact {input.ContactLine}.");
        paragraphs.Add("With best wishes,");
        paragraphs.Add(input.SchoolName);
        var subject = $"{input.SchoolName}: {input.Period} progress {(several ? "reports" : "report")}";
        return Compose(subject, paragraphs, [.. input.Reports.Select(r => r.FileName)]);
    }

    /// <summary>What a member of staff does about a mistake in a report: the school office, the parents' contact, cannot correct it; the MIS can.</summary>
    private const string Corrections =
        "It is drawn from the school's MIS records: if anything in it looks wrong, tell the data manager or correct it in the MIS, and the next import brings the correction.";

    private const string DataManagerCorrections = "Correct in the MIS what it lists and export again: the next import brings the corrections.";

    public static ComposedEmail ForStaff(StaffEmailInput input) => Compose(
        $"{input.SchoolName}: {input.ReportTitle}, {input.Period}",
        [
            $"Dear {input.RecipientName},",
            $"The {input.ReportTitle} for {input.Period} is attached as {input.FileName}"
                + (input.WorkbookFileName is { } workbook ? $", with the grades as a spreadsheet, {workbook}, to sort and filter" : "")
                + (input.NamesNoPupil
                    ? ". It names no pupil and shows no group of fewer than 5 pupils."
                    : ". It holds pupils' personal data: please keep it within the school and do not forward it outside."),
            .. input.Lines,
            input.ToDataManager ? DataManagerCorrections : Corrections,
            input.SchoolName,
        ],
        [input.FileName, .. input.WorkbookFileName is { } w ? [w] : Array.Empty<string>()]);

    /// <summary>The daily digest to a member of staff; <paramref name="date"/> is already formatted ("12 March 2026").</summary>
    /// <remarks>On the school's first check (<see cref="AttendanceOfficer.AttendanceDigestInput.FirstAlerts"/>) the message says why the digest is long.</remarks>
    public static ComposedEmail ForAttendanceDigest(string schoolName, string recipientName, string date, string fileName, bool firstAlerts = false) => Compose(
        $"{schoolName}: attendance digest for {date}",
        [
            $"Dear {recipientName},",
            $"Today's attendance digest for {date} is attached as {fileName}: new and overdue unexplained absences, lateness, pupils close to persistent absence, "
                + "the rolling 10-week unauthorised count, open continuous absences and patterns, each with its evidence."
                + (firstAlerts ? " This is the school's first attendance check, so it lists every pupil already past a threshold, however long ago; from the next check, only new alerts are listed." : ""),
            "It holds pupils' personal data: please keep it within the school.",
            Corrections,
            schoolName,
        ],
        [fileName]);

    /// <summary>The morning call list to an attendance officer: the list itself in the message, to work from a phone, and as a PDF.</summary>
    public static ComposedEmail ForCallList(string schoolName, string recipientName, string date, string fileName, IReadOnlyList<string> lines) => Compose(
        $"{schoolName}: morning call list for {date}",
        [
            $"Dear {recipientName},",
            $"Today's register is in. These pupils are absent with no reason given yet, with the contacts the school may call, in the order to try them (also attached as {fileName}):",
            .. lines,
            "It holds pupils' and families' personal data: please keep it within the school.",
            Corrections,
            schoolName,
        ],
        [fileName]);

    /// <summary>To a data manager: the MIS export has not brought registers for school days before today; the notice itself in the message.</summary>
    public static ComposedEmail ForExportOverdue(string schoolName, string recipientName, string title, string fileName, IReadOnlyList<string> lines) => Compose(
        $"{schoolName}: {title}",
        [
            $"Dear {recipientName},",
            .. lines,
            $"The same notice is attached as {fileName}, for the school's records.",
            schoolName,
        ],
        [fileName]);

    /// <summary>A mentor's weekly digest; <paramref name="week"/> is already formatted ("16 March 2026").</summary>
    public static ComposedEmail ForMentorDigest(string schoolName, string recipientName, string week, int mentees, string fileName) => Compose(
        $"{schoolName}: your mentees' week, {week}",
        [
            $"Dear {recipientName},",
            $"This week's digest for your {(mentees == 1 ? "mentee" : $"{mentees} mentees")} is attached as {fileName}: attendance this week and this year, late marks, "
                + "behaviour points, homework not handed in, progress flags and open interventions.",
            "It holds pupils' personal data: please keep it within the school.",
            Corrections,
            schoolName,
        ],
        [fileName]);

    /// <summary>The weekly summary of the statutory attention lists; <paramref name="week"/> is already formatted.</summary>
    public static ComposedEmail ForWeeklySummary(string schoolName, string recipientName, string week, int atThreshold, int continuous, string fileName) => Compose(
        $"{schoolName}: weekly attendance summary, {week}",
        [
            $"Dear {recipientName},",
            $"This week's summary is attached as {fileName}: {(atThreshold == 1 ? "1 pupil has" : $"{atThreshold} pupils have")} reached the penalty-notice threshold, and "
                + $"{(continuous == 1 ? "1 pupil has" : $"{continuous} pupils have")} been absent without the school's permission for 10 or more school days in a row (to notify to the local authority), each with the evidence.",
            "It holds pupils' personal data: please keep it within the school.",
            Corrections,
            schoolName,
        ],
        [fileName]);

    /// <summary>A letter to a family about a child's attendance; the subject names no figure.</summary>
    public static ComposedEmail ForAttendanceLetter(string schoolName, string? greeting, string pupilName, string fileName, string contactLine) => Compose(
        $"{schoolName}: a letter about {pupilName}'s attendance",
        [
            greeting is { Length: > 0 } g ? $"Dear {g}," : "Dear parent or carer,",
            $"Please find attached a letter from {schoolName} about {pupilName}'s attendance, as {fileName}.",
            $"We would like to work with you on this; please contact {contactLine}.",
            "With best wishes,",
            schoolName,
        ],
        [fileName]);

    /// <summary>To the staff who review a batch of messages to families before it goes.</summary>
    /// <remarks><paramref name="newerBatch"/>, when set, is a later batch of the same kind: this one then goes on no day of
    /// its own, only if staff release it. So with <paramref name="heldReason"/>, why the batch was held as it was
    /// prepared (<see cref="Sending.BatchRules.LateReason"/>); <paramref name="releaseCommand"/> then says how to send it.</remarks>
    public static ComposedEmail ForBatchPreview(
        string schoolName, string recipientName, string what, string releaseOn, string? newerBatch, string holdCommand, IReadOnlyList<string> files,
        string? heldReason = null, string? releaseCommand = null) => Compose(
        $"{schoolName}: to review before it goes to families: {what}",
        [
            $"Dear {recipientName},",
            (heldReason is not null ? $"The {what} are ready, but held: {heldReason}."
                : newerBatch is null ? $"The {what} are ready. They go to families on {releaseOn} unless someone holds them."
                : $"The {what} are ready, but batch {newerBatch} has newer figures: these go to families only if someone releases them with --include-stale.")
                + " The summary, the list of families who will not be reached (with the reason for each) and a few sample reports are attached.",
            // The headteacher reviews too, and does not run the program: say who does.
            heldReason is not null ? $"To send them, the data manager runs: {releaseCommand}" : $"To hold them, the data manager runs: {holdCommand}",
            "The attachments hold pupils' personal data: please keep them within the school.",
            schoolName,
        ],
        files);

    private static ComposedEmail Compose(string subject, IReadOnlyList<string> paragraphs, IReadOnlyList<string> attachments)
    {
        var text = string.Join("\n\n", paragraphs) + "\n";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:24px;background:#ffffff;\"><div style=\"max-width:640px;").Append(Font).Append("\">");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p style=\"margin:0 0 14px 0;\">").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        html.Append("</div></body></html>");
        return new ComposedEmail(OneLine(subject), text, html.ToString(), attachments);
    }

    /// <summary>A subject is one line: line breaks (header injection) become spaces.</summary>
    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
