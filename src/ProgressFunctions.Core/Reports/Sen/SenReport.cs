using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Interventions;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Sen;

/// <summary>What the SEN report is made from: a term snapshot of the school, and the school's agreed format.</summary>
/// <remarks><see cref="Sections"/> null is the standard report (<see cref="SenReportFormat"/>).</remarks>
public sealed record SenReportInput(string SchoolName, DateOnly Issued, TermSnapshot Snapshot, SchoolDirectory Directory)
{
    public IReadOnlyList<SenSection>? Sections { get; init; }
}

/// <summary>The SENCO's and progress mentors' report: every pupil with SEN support or an EHC plan, with attendance, behaviour, homework, progress and interventions.</summary>
public static class SenReport
{
    public static ReportDocument Build(SenReportInput input)
    {
        var pupils = input.Snapshot.Pupils.Where(p => p.Sen != SenStatus.None)
            .OrderBy(p => p.YearGroup).ThenByPupilName(p => NameOf(input.Directory, p.PupilId), p => p.PupilId)
            .ToList();
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"Pupils with SEN support (K) or an education, health and care plan (E) on {Date(input.Snapshot.AsOf)}. Attendance is for the year so far; behaviour and homework for this term."),
        };
        if (input.Sections is { } sections)
        {
            blocks.AddRange(pupils.Count == 0
                ? [new Paragraph("No pupil on roll has SEN support or an EHC plan.")]
                : sections.SelectMany(s => SenSections.Blocks(s, input, pupils)));
        }
        else
        {
            blocks.AddRange(Standard(input, pupils));
        }

        return new ReportDocument("SEN report", PeriodLabel(input.Snapshot.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Snapshot.Key)}-sen.pdf",
        };
    }

    /// <summary>The standard report, as before agreed formats: groups, the pupils' table, progress concerns, then interventions when there are any.</summary>
    private static IEnumerable<ReportBlock> Standard(SenReportInput input, List<PupilSnapshot> pupils)
    {
        if (SenSections.Groups(input.Snapshot) is { } groups)
        {
            yield return groups;
        }

        if (pupils.Count == 0)
        {
            yield return new Paragraph("No pupil on roll has SEN support or an EHC plan.");
            yield break;
        }

        yield return new Heading("Pupils");
        yield return new TableBlock(
            [Column("Pupil", 2), Column("Year", 0.8), Column("SEN", 1.1), Number("Attendance", 1.2), Number("Behaviour points (term)", 1.1), Number("Homework handed in (term)", 1.2), Column("Subjects not making expected progress", 2.8)],
            [.. pupils.Select(p => new TableRow(
                [
                    NameOf(input.Directory, p.PupilId), YearLabel(p.YearGroup), SenLabel(p.Sen), Percent(p.YearAttendance.AttendanceRate),
                    Count(p.BehaviourPoints), p.Homework.Set == 0 ? "None set" : Percent(p.Homework.CompletionRate),
                    !p.HasResults ? "No results yet" : p.NotMakingExpectedProgress ? string.Join(", ", p.Subjects.Where(s => s.NotMakingExpectedProgress).Select(s => s.Subject)) : "None",
                ],
                p.YearAttendance.IsPersistentAbsence ? Tone.Concern : p.NotMakingExpectedProgress ? Tone.Caution : Tone.Normal))],
            $"Pupils with SEN ({Count(pupils.Count)})");
        var entries = pupils.SelectMany(p => p.Subjects.Select(s => (Pupil: p, Subject: s))).Where(e => e.Subject.NotMakingExpectedProgress).ToList();
        if (entries.Count > 0)
        {
            yield return StaffTables.BelowExpected($"Progress concerns in detail ({Count(entries.Count)} entries)", entries, input.Directory);
            foreach (var note in DefaultTargetNoteFor(entries.Select(e => e.Subject)))
            {
                yield return note;
            }
        }

        if (InterventionTables.Of(pupils) is { Count: > 0 } outcomes)
        {
            foreach (var block in InterventionTables.Section(outcomes, input.Directory, "pupils with SEN"))
            {
                yield return block;
            }
        }
    }
}
