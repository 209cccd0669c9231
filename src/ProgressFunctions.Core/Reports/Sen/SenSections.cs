using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Interventions;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Sen;

/// <summary>The sections a school may choose for its SEN report, each a heading and its tables, one row per pupil with SEN.</summary>
internal static class SenSections
{
    public static IEnumerable<ReportBlock> Blocks(SenSection section, SenReportInput input, IReadOnlyList<PupilSnapshot> pupils) => section switch
    {
        SenSection.Attendance => Attendance(input, pupils),
        SenSection.Behaviour => Behaviour(input, pupils),
        SenSection.Homework => Homework(input, pupils),
        SenSection.Progress => Progress(input, pupils),
        SenSection.Interventions => InterventionTables.Section(InterventionTables.Of(pupils), input.Directory, "pupils with SEN"),
        _ => Notes(input, pupils),
    };

    /// <summary>The SEN groups against pupils without SEN, or null when the snapshot has none.</summary>
    /// <remarks>
    /// Groups of 267, 28 and 5 pupils compare by shares, not totals: "needs attention" gives the count with its share of
    /// the group's pupils with results, behaviour points the total with the points a pupil (both rounded half-up).
    /// </remarks>
    public static TableBlock? Groups(TermSnapshot snapshot)
    {
        var groups = snapshot.Cohorts.Where(c => c.Kind == CohortKind.Sen).ToList();
        return groups.Count == 0 ? null : new TableBlock(
            [Column("Group", 1.6), Number("Pupils", 0.8), Number("Attendance"), Number("Persistent absence", 1.2), Number("Needs attention", 1.4), Number("Behaviour points (term)", 1.6)],
            [.. groups.Select(c => new TableRow([c.Name, Count(c.Pupils), Percent(c.AttendanceRate), Percent(c.PersistentAbsenceRate),
                c.PupilsWithResults == 0 ? "No results yet" : $"{Count(c.NeedsAttention)} ({Percent(Percentages.Of(c.NeedsAttention, c.PupilsWithResults))})",
                c.Pupils == 0 ? Count(c.BehaviourPoints) : $"{Count(c.BehaviourPoints)} ({PerPupil((decimal)c.BehaviourPoints / c.Pupils)} a pupil)"]))],
            "SEN groups compared with pupils without SEN");
    }

    private static IEnumerable<ReportBlock> Attendance(SenReportInput input, IReadOnlyList<PupilSnapshot> pupils)
    {
        yield return new Heading("Attendance");
        if (Groups(input.Snapshot) is { } groups)
        {
            yield return groups;
        }

        yield return new TableBlock(
            [Column("Pupil", 2), Column("Year", 0.8), Column("SEN", 1.1), Number("This year", 1), Number("This term", 1), Number("Absent", 0.9), Number("Unauthorised", 1.1), Number("Late", 0.7)],
            [.. pupils.Select(p => new TableRow(
                [
                    NameOf(input.Directory, p.PupilId), YearLabel(p.YearGroup), SenLabel(p.Sen), Percent(p.YearAttendance.AttendanceRate), Percent(p.TermAttendance.AttendanceRate),
                    Count(p.YearAttendance.Absent), Count(p.YearAttendance.Unauthorised), Count(p.YearAttendance.Late),
                ],
                ToneOf(p.AttendanceBand)))],
            $"Attendance of pupils with SEN ({Count(pupils.Count)}): sessions this year");
    }

    private static IEnumerable<ReportBlock> Behaviour(SenReportInput input, IReadOnlyList<PupilSnapshot> pupils)
    {
        yield return new Heading("Behaviour");
        yield return new TableBlock(
            [Column("Pupil", 2.2), Column("Year", 0.8), Number("Behaviour points (term)", 1.2), Number("Achievement points (term)", 1.2)],
            [.. pupils.Select(p => new TableRow([NameOf(input.Directory, p.PupilId), YearLabel(p.YearGroup), Count(p.BehaviourPoints), Count(p.AchievementPoints)],
                p.BehaviourPoints > 0 ? Tone.Caution : Tone.Normal))],
            "Behaviour and achievement points this term");
    }

    private static IEnumerable<ReportBlock> Homework(SenReportInput input, IReadOnlyList<PupilSnapshot> pupils)
    {
        yield return new Heading("Homework");
        yield return new TableBlock(
            [Column("Pupil", 2.2), Column("Year", 0.8), Number("Set"), Number("On time"), Number("Late"), Number("Not handed in", 1.1), Number("Handed in", 1)],
            [.. pupils.Select(p => new TableRow(
                [
                    NameOf(input.Directory, p.PupilId), YearLabel(p.YearGroup), Count(p.Homework.Set), Count(p.Homework.Completed), Count(p.Homework.Late),
                    Count(p.Homework.Missing), p.Homework.Set == 0 ? "None set" : Percent(p.Homework.CompletionRate),
                ],
                p.Homework.Missing > 0 ? Tone.Caution : Tone.Normal))],
            "Homework due this term");
    }

    private static IEnumerable<ReportBlock> Progress(SenReportInput input, IReadOnlyList<PupilSnapshot> pupils)
    {
        yield return new Heading("Progress by subject");
        var entries = pupils.SelectMany(p => p.Subjects.Select(s => (Pupil: p, Subject: s))).ToList();
        if (entries.Count == 0)
        {
            yield return new Paragraph("No pupil with SEN has a target or result yet.");
            yield break;
        }

        yield return new TableBlock(
            [Column("Pupil", 2), Column("Subject", 1.5), Column("Current", 0.8, Align.Centre), Column("Expected", 0.8, Align.Centre), Column("Target", 0.8, Align.Centre),
                Column("Band", 1), Column("Why", 2.2)],
            [.. entries.Select(e => new TableRow(
                [
                    NameOf(input.Directory, e.Pupil.PupilId), e.Subject.Subject, e.Subject.CurrentGrade ?? "-", e.Subject.ExpectedGrade, TargetText(e.Subject),
                    Label(e.Subject.Band), Reason(e.Subject.Concerns),
                ],
                ToneOf(e.Subject.Band)))],
            $"Every subject of every pupil with SEN ({Count(entries.Count)} entries)");
        foreach (var note in DefaultTargetNoteFor(entries.Select(e => e.Subject)))
        {
            yield return note;
        }
    }

    private static IEnumerable<ReportBlock> Notes(SenReportInput input, IReadOnlyList<PupilSnapshot> pupils)
    {
        yield return new Heading("Notes");
        var notes = InterventionTables.Of(pupils).Where(o => o.Outcome.NotesId is not null)
            .InPupilNameOrder(o => NameOf(input.Directory, o.Pupil.PupilId), o => o.Pupil.PupilId).ThenBy(o => o.Outcome.Start).ToList();
        if (notes.Count == 0)
        {
            yield return new Paragraph("No intervention of a pupil with SEN refers to notes in the MIS.");
            yield break;
        }

        yield return new TableBlock(
            [Column("Pupil", 2), Column("Intervention", 1.8), Column("Dates", 1.6), Column("Led by", 1.4), Column("Notes in the MIS", 1.2)],
            [.. notes.Select(o => new TableRow(
            [
                NameOf(input.Directory, o.Pupil.PupilId), o.Outcome.Type, InterventionTables.Dates(o.Outcome),
                o.Outcome.StaffId is { } staff ? input.Directory.Staff(staff)?.DisplayName ?? staff : "-", o.Outcome.NotesId!,
            ]))],
            "Where each intervention's notes are kept");
    }
}
