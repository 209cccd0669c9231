using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Parents;

/// <summary>What a parent progress report is made from: one pupil at one term snapshot.</summary>
/// <remarks>
/// The "attendance by school week" chart is drawn from the snapshot's weekly rates (or from <see cref="Register"/> when
/// given) for the year up to <see cref="AsOf"/>; without either the chart is left out. <see cref="ProtectWithDateOfBirth"/> encrypts the PDF with the pupil's date of birth
/// (ddMMyyyy), when the school's setting asks for it. <see cref="ContactLine"/> says whom to contact, e.g. "the
/// school office on 01234 567890 or office@school.example".
/// </remarks>
public sealed record ParentReportInput(
    string SchoolName,
    DateOnly Issued,
    SnapshotKey Key,
    DateOnly AsOf,
    PupilSnapshot Pupil,
    SchoolDirectory Directory,
    string ContactLine)
{
    public PupilRegister? Register { get; init; }

    public GradeScaleSet Scales { get; init; } = GradeScaleSet.Standard;

    public bool ProtectWithDateOfBirth { get; init; }

    /// <summary>What tells this child's report from a brother's or sister's of the same name in one e-mail ("Year 7"); null when nothing needs to.</summary>
    public string? Distinguish { get; init; }

    /// <summary>The input for one pupil of a snapshot.</summary>
    /// <exception cref="ArgumentException">The snapshot has no such pupil.</exception>
    public static ParentReportInput For(TermSnapshot snapshot, string pupilId, string schoolName, DateOnly issued, SchoolDirectory directory, string contactLine) =>
        new(schoolName, issued, snapshot.Key, snapshot.AsOf,
            snapshot.Pupil(pupilId) ?? throw new ArgumentException($"the snapshot has no pupil {pupilId}", nameof(pupilId)),
            directory, contactLine);
}

/// <summary>The progress report a pupil's parents and carers receive at a term snapshot.</summary>
public static class ParentReport
{
    public static ReportDocument Build(ParentReportInput input)
    {
        var snapshot = input.Pupil;
        var pupil = input.Directory.Pupil(snapshot.PupilId);
        var name = pupil?.DisplayName ?? snapshot.PupilId;
        var forename = pupil is null ? "your child" : pupil.PreferredForename ?? pupil.LegalForename;
        var reception = snapshot.YearGroup == 0;
        IReadOnlyList<(DateOnly Monday, decimal? Rate)> weeks = input.Register is { } register
            ? [.. WeeklyAttendance.Of(register, AttendanceMeasures.YearToDateRange(input.AsOf)).Select(w => (w.Monday, w.AttendanceRate is { } r ? (decimal?)Percentages.RoundHalfUp(r, 1) : null))]
            : WeeklyRates.Read(snapshot.Weeks);
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"{name}, {YearLabel(snapshot.YearGroup)}, {RegistrationGroupWord(snapshot.YearGroup)} {snapshot.RegistrationGroup}. Figures up to {Date(input.AsOf)}."
                + JoinedText(forename, pupil?.AdmissionDate, weeks, input.AsOf)),
            KeyFactsOf(snapshot),
            // The two points figures count opposite things, and a parent cannot tell from "4" which way is good.
            new Paragraph("Achievements are points given for good work and conduct; behaviour points are given for incidents in school, so fewer is better.", Small: true),
            new Heading("Attendance"),
            new Paragraph(ParentAttendanceText.Explain(forename, snapshot.YearAttendance, snapshot.TermAttendance, reception)),
        };
        if (weeks.Count > 0)
        {
            blocks.Add(WeeklyChart(weeks, reception));
        }

        var untargeted = snapshot.WithoutTarget ?? [];
        if (snapshot.Subjects.Count == 0 && untargeted.Count == 0)
        {
            // One line and the contact paragraph: a page of their own left a Reception parent a second page almost blank.
            blocks.Add(new Heading("Subjects"));
            blocks.Add(new Paragraph("No subject results have been recorded yet this year."));
        }
        else
        {
            blocks.Add(new PageBreak());
            blocks.Add(new Heading("Subjects"));
            blocks.Add(new Paragraph(snapshot.HasResults || untargeted.Count > 0
                ? "Each subject's latest result against the target for the end of the course, and the grade expected by now on the way to it."
                : "No results have been recorded yet this year: each subject's target is shown, and progress will be reported once the first results are in."));
            blocks.AddRange(SubjectCharts(snapshot, input.Scales));
            blocks.Add(SubjectTable(snapshot, input.Key));
            blocks.AddRange(DefaultTargetNoteFor(snapshot.Subjects, DefaultTargetNoteForParents));

            if (NoEarlierReport(snapshot.Subjects))
            {
                blocks.Add(new Paragraph("There is no earlier report to compare these results with, so no change is shown yet.", Small: true));
            }

            if (NotAssessedNote(snapshot.Subjects) is { } notAssessed)
            {
                blocks.Add(new Paragraph(notAssessed, Small: true));
            }

            if (GradeKey([.. snapshot.Subjects.SelectMany(s => new[] { s.CurrentGrade, s.TargetGrade, s.ExpectedGrade }), .. untargeted.Select(s => s.CurrentGrade)]) is { } key)
            {
                blocks.Add(new Paragraph(key, Small: true));
            }

            if (untargeted.Count > 0)
            {
                blocks.Add(new Paragraph(UntargetedNote(untargeted), Small: true));
            }
        }

        blocks.Add(new Heading("Questions"));
        blocks.Add(new Paragraph($"If you would like to talk about this report, please contact {input.ContactLine}. We are always glad to help."));
        return new ReportDocument($"Progress report: {name}", PeriodLabel(input.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Key)}-{SafeFilePart(snapshot.PupilId)}.pdf",
            AttachmentName = $"{SafeAttachmentName(name)}{(input.Distinguish is { } which ? " - " + SafeAttachmentName(which) : "")} - {PeriodLabel(input.Key).Replace('/', '-')} progress report.pdf",
            Password = input.ProtectWithDateOfBirth ? PasswordOf(pupil) : null,
        };
    }

    /// <summary>The child as the e-mail names them: "Oisín Edwards", or "Oisín Edwards (Year 7)" beside a brother of one name (<see cref="Distinctions"/>).</summary>
    public static string ChildName(Schools.Pupil pupil, string? distinguish) => distinguish is null ? pupil.DisplayName : $"{pupil.DisplayName} ({distinguish})";

    /// <summary>The children of one e-mail in the order a family reads them: eldest year first, then by name (then id, so the order is always the same).</summary>
    /// <remarks>In pupil id order (pseudonymous, so random), one e-mail listed a Year 8, a Year 10 and a Year 7, its attachments likewise.</remarks>
    public static IReadOnlyList<Schools.Pupil> InFamilyOrder(IEnumerable<Schools.Pupil> children) =>
        [.. children.OrderByDescending(c => c.YearGroup).ThenBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>For the children of one e-mail, what tells apart those who share a name: their year, else their place in the list.</summary>
    /// <remarks>Two attachments of one name would be saved one over the other, and two paragraphs alike would not say which is which.</remarks>
    public static IReadOnlyDictionary<string, string?> Distinctions(IReadOnlyList<Schools.Pupil> children)
    {
        var result = children.ToDictionary(c => c.Id, _ => (string?)null, StringComparer.Ordinal);
        foreach (var same in children.GroupBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var years = same.Select(c => c.YearGroup).Distinct().Count() == same.Count();
            foreach (var (child, i) in same.Select((c, i) => (c, i)))
            {
                result[child.Id] = years ? YearLabel(child.YearGroup) : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} of {same.Count()}");
            }
        }

        return result;
    }

    /// <summary>The staff note's meaning without its terms ("DfE transition matrices"), which a family cannot be expected to know.</summary>
    internal const string DefaultTargetNoteForParents =
        "* Estimated target: the school has not set its own target in this subject yet, so this is the GCSE grade most often reached nationally "
        + "by pupils with similar results at the end of primary school (Key Stage 2 tests).";

    /// <summary>" Kacper joined the school on 26 February 2026, so this year's figures start from that day.", when the pupil joined after the year's first school week; else "".</summary>
    /// <remarks>
    /// A pupil who joined in February read "this year 58.3%" over three weeks, with a chart empty until then and every
    /// change shown as "-", and nothing said why. The first week of <paramref name="weeks"/> is the school's first of the
    /// year, so pupils starting with the year (a September admission after an August date) get no sentence.
    /// </remarks>
    private static string JoinedText(string forename, DateOnly? admitted, IReadOnlyList<(DateOnly Monday, decimal? Rate)> weeks, DateOnly asOf) =>
        admitted is { } joined && weeks.Count > 0 && joined > weeks[0].Monday.AddDays(6) && joined <= asOf
            ? $" {forename} joined the school on {Date(joined)}, so this year's figures start from that day."
            : "";

    /// <summary>Whether no subject with a result has a change, nor a reason for none: the pupil was not in the previous snapshot, or there was none.</summary>
    private static bool NoEarlierReport(IReadOnlyList<SubjectSnapshot> subjects)
    {
        var withResult = subjects.Where(s => s.Current is not null).ToList();
        return withResult.Count > 0 && withResult.All(s => s.ChangeSinceLast is null && !s.NotAssessedSinceLast && !s.FirstResultSinceLast);
    }

    /// <summary>The pupil's date of birth as ddMMyyyy; a protected report is never built without one (never a guessable constant).</summary>
    private static string PasswordOf(Schools.Pupil? pupil) =>
        pupil?.DateOfBirth?.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture)
        ?? throw new InvalidOperationException("a protected report needs the pupil's date of birth; routing refuses these before building");

    private static KeyFacts KeyFactsOf(PupilSnapshot pupil)
    {
        var homework = pupil.Homework.Set == 0 ? "None set" : Percent(pupil.Homework.CompletionRate);
        return new KeyFacts(
        [
            new KeyFact("Attendance this year", Percent(pupil.YearAttendance.AttendanceRate), ToneOf(pupil.YearAttendance.Band)),
            new KeyFact("Attendance this term", Percent(pupil.TermAttendance.AttendanceRate), ToneOf(pupil.TermAttendance.Band)),
            new KeyFact("Late this term", Late(pupil.TermAttendance.Late, pupil.TermMinutesLate)),
            new KeyFact("Achievements this term", Count(pupil.AchievementPoints), pupil.AchievementPoints > 0 ? Tone.Good : Tone.Normal),
            new KeyFact("Behaviour points this term", Count(pupil.BehaviourPoints)),
            new KeyFact("Homework done this term", homework),
        ]);
    }

    /// <summary>The chart of weekly rates, each already rounded half-up to one decimal place as printed.</summary>
    /// <remarks>
    /// Always from 0% to 100%: an axis fitted to each child's lowest week made one week at 75% fall to the foot of one
    /// child's chart and sit high on a sibling's, in the same e-mail. A Reception child's 90% line is not labelled
    /// persistent absence, as their attendance paragraph does not call it that (<see cref="ParentAttendanceText"/>).
    /// </remarks>
    private static LineChart WeeklyChart(IReadOnlyList<(DateOnly Monday, decimal? Rate)> weeks, bool reception)
    {
        var values = weeks.Select(w => w.Rate is { } rate ? (double?)(double)rate : null).ToList();
        const double yMin = 0;
        return new LineChart("Attendance by school week", [.. weeks.Select(w => ShortDate(w.Monday))], [new ChartSeries("Attendance", values)],
            [new ReferenceLine("95% expected", 95, Tone.Good), new ReferenceLine(reception ? "90%" : "90% persistent absence", 90, Tone.Concern)], yMin, 100, "%");
    }

    private static IEnumerable<BarChart> SubjectCharts(PupilSnapshot pupil, GradeScaleSet scales)
    {
        foreach (var group in pupil.Subjects.Where(s => s.Current is not null).GroupBy(s => s.Scale, StringComparer.OrdinalIgnoreCase))
        {
            if (!scales.TryGet(group.Key, out var scale))
            {
                continue;
            }

            var subjects = group.ToList();
            var title = pupil.Subjects.Select(s => s.Scale).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1
                ? $"Current and target grade ({scale.Name})"
                : "Current and target grade";
            yield return new BarChart(title, [.. subjects.Select(s => s.Subject)],
                [
                    new ChartSeries("Current", [.. subjects.Select(s => (double?)(double)s.Current!.Value)]),
                    new ChartSeries("Target", [.. subjects.Select(s => scale.TryGetValue(s.TargetGrade, out var v) ? (double?)(double)v : null)]),
                ],
                (double)scale.Highest, AxisLabels(scale));
        }
    }

    private static TableBlock SubjectTable(PupilSnapshot pupil, Progress.Snapshots.SnapshotKey key) => new(
        [Column("Subject", 2.4), Column("Current", 1, Align.Centre), Column("Target", 1, Align.Centre), Column("Expected now", 1.1, Align.Centre),
            Column("Progress", 1.3), Column(ChangeHeading(key), 1.3, Align.Centre)],
        [.. pupil.Subjects.Select(s => new TableRow(
            [
                s.Subject,
                s.CurrentGrade ?? "-",
                TargetText(s),
                s.ExpectedGrade,
                Label(s.Band),
                Change(s),
            ],
            ToneOf(s.Band))),
        .. (pupil.WithoutTarget ?? []).Select(s => new TableRow([s.Subject, s.CurrentGrade ?? "-", "Not set", "-", "No target yet", "-"], Tone.Normal))]);

    /// <summary>What the change is measured from, as a parent can place it: the snapshot before an end-of-term one is the
    /// same term's start (every due snapshot of a year is taken, in order), and before a start-of-term one the last term's end.</summary>
    /// <remarks>"Change since last" left a parent to guess "last what", and a start-of-term report is not always sent.</remarks>
    private static string ChangeHeading(Progress.Snapshots.SnapshotKey key) => key.Point switch
    {
        Progress.Snapshots.SnapshotPoint.End => "Change this term",
        Progress.Snapshots.SnapshotPoint.Start => "Change since last term",
        _ => "Change since last",
    };

    /// <summary>The primary teacher-assessment codes a parent cannot be expected to know, in the DfE's words; only those the report shows.</summary>
    private static readonly (string Code, string Meaning)[] s_teacherAssessment =
    [
        ("GDS", "working at greater depth within the expected standard"),
        ("EXS", "working at the expected standard"),
        ("WTS", "working towards the expected standard"),
        ("PK", "the pre-key stage standards, for pupils working below WTS (PK6 the highest)"),
    ];

    private static string? GradeKey(IEnumerable<string?> grades)
    {
        var shown = grades.OfType<string>().Select(g => g.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var meant = s_teacherAssessment.Where(t => t.Code == "PK" ? shown.Any(g => g.StartsWith("PK", StringComparison.Ordinal)) : shown.Contains(t.Code))
            .Select(t => $"{(t.Code == "PK" ? "PK1 to PK6" : t.Code)}: {t.Meaning}").ToList();
        return meant.Count == 0 ? null : string.Join("; ", meant) + ".";
    }

    /// <summary>Which subjects have no result since the last report, and when the result shown was given; null when every subject has a new one.</summary>
    /// <remarks>The row's expected grade and progress are those of that result's date, as for any result, so the note says so.</remarks>
    private static string? NotAssessedNote(IReadOnlyList<SubjectSnapshot> subjects)
    {
        var stale = subjects.Where(s => s.NotAssessedSinceLast && s.LatestOn is not null).ToList();
        if (stale.Count == 0)
        {
            return null;
        }

        var named = Listed([.. stale.GroupBy(s => s.LatestOn!.Value).OrderBy(g => g.Key)
            .Select(g => $"{Listed([.. g.Select(s => s.Subject)])} (from {Date(g.Key)})")]);
        return $"No new result since the last report in {named}: the result shown is the latest, with the grade expected on its date.";
    }

    private static string UntargetedNote(IReadOnlyList<UntargetedSubject> subjects)
    {
        var names = Listed([.. subjects.Select(s => s.Subject)]);
        return $"No target has been set yet in {names}, so the latest result is shown without an expected grade or progress.";
    }
}
