using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports;

/// <summary>Blocks the staff reports share: attendance bands, pupil attendance lists, subjects below expected, behaviour.</summary>
public static class StaffTables
{
    public static KeyFacts CohortFacts(CohortProgress cohort) => new(
    [
        new KeyFact("Pupils", Count(cohort.Pupils)),
        new KeyFact("Attendance this year", Percent(cohort.AttendanceRate), ToneOf(cohort.YearAttendance.Band)),
        // DfE counts severe absentees among the persistent ones; the band chart and the lists beside this tile keep them
        // apart, so the label says which count this is (see PersistentAbsenceNote).
        new KeyFact("Persistent absence (incl. severe)", $"{Count(cohort.PersistentAbsentees)} ({Percent(cohort.PersistentAbsenceRate)})", cohort.PersistentAbsentees > 0 ? Tone.Caution : Tone.Good),
        new KeyFact("Severe absence", Count(cohort.SevereAbsentees), cohort.SevereAbsentees > 0 ? Tone.Concern : Tone.Good),
        cohort.PupilsWithResults == 0
            ? new KeyFact("Needs attention (progress)", "No results yet")
            : new KeyFact("Needs attention (progress)", $"{Count(cohort.NeedsAttention)} ({Percent(Percentages.Of(cohort.NeedsAttention, cohort.PupilsWithResults))})", cohort.NeedsAttention > 0 ? Tone.Caution : Tone.Good),
        new KeyFact("Behaviour points this term", Count(cohort.BehaviourPoints)),
    ]);

    /// <summary>Pupils per attendance band (year to date), pupils with no possible sessions left out.</summary>
    public static BarChart AttendanceBands(IEnumerable<PupilSnapshot> pupils)
    {
        var summary = CohortSummary.Of("", pupils.Select(p => p.YearAttendance));
        var counts = Attendance.AttendanceBands.All.Select(b => (double?)summary.Bands[b]).ToList();
        return new BarChart("Pupils by attendance band", [.. Attendance.AttendanceBands.All.Select(b => b.Label())], [new ChartSeries("Pupils", counts)],
            Math.Max(1, counts.Max() ?? 0));
    }

    /// <summary>Under the band chart, how the persistent absence tile's count (DfE's, severe absentees included) splits into
    /// the chart's persistent and severe bands; nothing when no pupil is severely absent, as the two then agree.</summary>
    /// <remarks>Without it a reader saw "Persistent absence 31" on the tile and 29 on the chart and the list below, and could not tell which was wrong.</remarks>
    public static IEnumerable<Paragraph> PersistentAbsenceNote(IEnumerable<PupilSnapshot> pupils)
    {
        var bands = CohortSummary.Of("", pupils.Select(p => p.YearAttendance)).Bands;
        var (persistent, severe) = (bands[AttendanceBand.Persistent], bands[AttendanceBand.Severe]);
        if (severe == 0)
        {
            yield break;
        }

        yield return new Paragraph(
            $"Persistent absence (10% or more of sessions missed) counts severe absence (50% or more) too: {Count(persistent + severe)} {(persistent + severe == 1 ? "pupil" : "pupils")} = " +
            $"{Count(persistent)} with attendance over 50% to 90% + {Count(severe)} at 50% and below.", Small: true);
    }

    /// <summary>Where Reception pupils are among the school's figures: the same figures on DfE's basis, pupils aged 5 to 15 (Year 1 upwards); nothing otherwise.</summary>
    /// <remarks>
    /// DfE's published absence statistics count pupils of compulsory school age, aged 5 to 15 at the start of the year,
    /// so a primary school's whole-school figure with Reception in it is not the one its national comparison uses.
    /// </remarks>
    public static IEnumerable<Paragraph> CompulsoryAgeNote(IReadOnlyCollection<PupilSnapshot> pupils)
    {
        var reception = pupils.Count(p => p.YearGroup == 0);
        if (reception == 0)
        {
            yield break;
        }

        var older = CohortSummary.Of("", pupils.Where(p => p.YearGroup != 0).Select(p => p.YearAttendance));
        yield return new Paragraph(
            $"These figures include the school's {Count(reception)} Reception {(reception == 1 ? "pupil" : "pupils")}. DfE's published absence figures count pupils aged 5 to 15 " +
            $"(Year 1 upwards): on that basis attendance is {Percent(older.AttendanceRate)} and persistent absence {Count(older.PersistentAbsentees)} " +
            $"{(older.PersistentAbsentees == 1 ? "pupil" : "pupils")} ({Percent(older.PersistentAbsenceRate)}).", Small: true);
    }

    /// <summary>One row per pupil: name, form, attendance, sessions missed (unauthorised among them), late sessions this year, minutes late this term and SEN; worst first.</summary>
    /// <remarks>
    /// The two lateness columns cover different periods (the minutes are kept for the term only), so both headers name
    /// theirs. Pupils of one name are told apart as <see cref="ReportFormat.NamesOf"/> does.
    /// </remarks>
    public static TableBlock AttendanceList(string caption, IReadOnlyCollection<PupilSnapshot> pupils, SchoolDirectory directory)
    {
        var names = NamesOf(directory, pupils.Select(p => p.PupilId));
        return new(
        [Column("Pupil", 2.2), Column(RegistrationGroupHeading(pupils.Select(p => p.YearGroup)), 0.7), Number("Attendance", 1.1), Number("Absent", 0.9), Number("Unauthorised", 1.2), Number("Late (year)", 0.8),
            Number("Minutes late (term)", 1.1), Column("SEN", 1.1)],
        [.. pupils.OrderBy(p => p.YearAttendance.AttendanceRate ?? 100).ThenBy(p => p.PupilId, StringComparer.Ordinal).Select(p => new TableRow(
            [
                names[p.PupilId], p.RegistrationGroup, Percent(p.YearAttendance.AttendanceRate),
                Count(p.YearAttendance.Absent), Count(p.YearAttendance.Unauthorised), Count(p.YearAttendance.Late),
                p.TermMinutesLate is { } minutes ? Count(minutes) : "-", SenLabel(p.Sen),
            ],
            ToneOf(p.AttendanceBand)))],
        caption);
    }

    /// <summary>Subject entries not making expected progress: pupil, subject, grades, band and why.</summary>
    public static TableBlock BelowExpected(string caption, IEnumerable<(PupilSnapshot Pupil, SubjectSnapshot Subject)> entries, SchoolDirectory directory, bool showSubject = true) => new(
        [
            // Grade columns wide enough for a school's step grades ("Developing+"), which do not wrap.
            Column(showSubject ? "Subject" : "Group", 1.3), Column("Pupil", 1.8), Column("Current", 1.2, Align.Centre), Column("Expected", 1.2, Align.Centre),
            Column("Target", 1.2, Align.Centre), Column("Band", 0.9), Column("Why", 2.0),
        ],
        [.. entries.Where(e => e.Subject.NotMakingExpectedProgress)
            .OrderBy(e => e.Subject.Subject, StringComparer.Ordinal).ThenBy(e => e.Subject.Difference ?? 0).ThenBy(e => e.Pupil.PupilId, StringComparer.Ordinal)
            .Select(e => new TableRow(
                [
                    showSubject ? e.Subject.Subject : e.Subject.TeachingGroup ?? "-", NameOf(directory, e.Pupil.PupilId), e.Subject.CurrentGrade ?? "-",
                    e.Subject.ExpectedGrade, TargetText(e.Subject), Label(e.Subject.Band), Reason(e.Subject.Concerns),
                ],
                ToneOf(e.Subject.Band)))],
        caption);

    /// <summary>The pupils the school's needs-attention rule picks out, with why; in form then name order.</summary>
    public static ReportBlock NeedsAttention(IReadOnlyList<PupilSnapshot> pupils, SchoolDirectory directory)
    {
        var withResults = pupils.Count(p => p.HasResults);
        var flagged = pupils.Where(p => p.NeedsAttention is not null)
            .InGroupOrder(p => p.RegistrationGroup).ThenByPupilName(p => NameOf(directory, p.PupilId), p => p.PupilId).ToList();
        if (withResults == 0)
        {
            return new Paragraph("No results yet: progress can be judged once the first assessment results are in.");
        }

        return flagged.Count == 0
            ? new Paragraph($"No pupil needs attention for progress under the school's rule ({Count(withResults)} pupils with results).")
            : new TableBlock([Column("Pupil", 2.8), Column(RegistrationGroupHeading(flagged.Select(p => p.YearGroup)), 0.7), Column("Why", 4.4)],
                [.. flagged.Select(p => new TableRow([NameOf(directory, p.PupilId), p.RegistrationGroup, p.NeedsAttention!], Tone.Caution))],
                $"Needs attention for progress: {Count(flagged.Count)} of {Count(withResults)} pupils with results");
    }

    /// <summary>The pupils with the most behaviour points, <paramref name="top"/> of them and any tied with the last, none with zero.</summary>
    /// <remarks>Cutting a tie at the last place by pupil id listed one of two pupils on equal points and left the other out.</remarks>
    public static ReportBlock Behaviour(IEnumerable<PupilSnapshot> pupils, SchoolDirectory directory, int top = 15)
    {
        var ranked = pupils.Where(p => p.BehaviourPoints > 0)
            .OrderByDescending(p => p.BehaviourPoints).ThenBy(p => p.PupilId, StringComparer.Ordinal).ToList();
        var listed = ranked.Count <= top ? ranked : ranked.TakeWhile((p, i) => i < top || p.BehaviourPoints == ranked[top - 1].BehaviourPoints).ToList();
        // A tie shared by many (a small school where most have a point or two) is cut at the top, and the caption says how many more share it.
        var tiedLeftOut = listed.Count > top + MostTiedListed ? listed.Count - top : 0;
        listed = tiedLeftOut > 0 ? listed[..top] : listed;
        var rows = listed.Select(p => new TableRow([NameOf(directory, p.PupilId), p.RegistrationGroup, Count(p.BehaviourPoints), Count(p.AchievementPoints)])).ToList();
        return rows.Count == 0
            ? new Paragraph("No behaviour points were recorded this term.")
            : new TableBlock([Column("Pupil", 2.2), Column(RegistrationGroupHeading(listed.Select(p => p.YearGroup)), 0.8), Number("Behaviour points"), Number("Achievement points")], rows,
                $"Highest behaviour points this term ({TopCaption(listed, top, tiedLeftOut)})");
    }

    /// <summary>How many pupils beyond the top may be listed for sharing its last place; more are counted, not listed.</summary>
    private const int MostTiedListed = 5;

    private static string TopCaption(List<PupilSnapshot> listed, int top, int tiedLeftOut)
    {
        var points = listed[^1].BehaviourPoints;
        var onPoints = $"{Count(points)} {(points == 1 ? "point" : "points")}";
        return tiedLeftOut > 0 ? $"top {Count(top)}; {Count(tiedLeftOut)} more pupils also have {onPoints} and are not listed"
            : listed.Count <= top ? $"top {Count(listed.Count)}"
            : $"top {Count(top)}, and {Count(listed.Count - top)} more tied on {onPoints}";
    }

    /// <summary>Entries per progress band, as counts.</summary>
    public static IReadOnlyList<string> BandCells(CohortProgress cohort) =>
        [.. ProgressBands.All.Select(b => Count(cohort.Bands.FirstOrDefault(c => c.Band == b)?.Entries ?? 0)), Count(cohort.NoResult)];
}
