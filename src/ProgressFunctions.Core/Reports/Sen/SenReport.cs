using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Sen;

/// <summary>What the SEN report is made from: a term snapshot of the school.</summary>
public sealed record SenReportInput(string SchoolName, DateOnly Issued, TermSnapshot Snapshot, SchoolDirectory Directory);

/// <summary>The SENCO's and progress mentors' report: every pupil with SEN support or an EHC plan, with attendance, behaviour, homework and progress.</summary>
public static class SenReport
{
    public static ReportDocument Build(SenReportInput input)
    {
        var pupils = input.Snapshot.Pupils.Where(p => p.Sen != SenStatus.None)
            .OrderBy(p => p.YearGroup).ThenBy(p => NameOf(input.Directory, p.PupilId), StringComparer.Ordinal).ThenBy(p => p.PupilId, StringComparer.Ordinal)
            .ToList();
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"Pupils with SEN support (K) or an education, health and care plan (E) on {Date(input.Snapshot.AsOf)}. Attendance is for the year so far; behaviour and homework for this term."),
        };
        var groups = input.Snapshot.Cohorts.Where(c => c.Kind == CohortKind.Sen).ToList();
        if (groups.Count > 0)
        {
            blocks.Add(new TableBlock(
                [Column("Group", 2), Number("Pupils"), Number("Attendance"), Number("Persistent absence", 1.3), Number("Needs attention", 1.2), Number("Behaviour points", 1.2)],
                [.. groups.Select(c => new TableRow([c.Name, Count(c.Pupils), Percent(c.AttendanceRate), Percent(c.PersistentAbsenceRate),
                    c.PupilsWithResults == 0 ? "No results yet" : Count(c.NeedsAttention), Count(c.BehaviourPoints)]))],
                "SEN groups compared with pupils without SEN"));
        }

        if (pupils.Count == 0)
        {
            blocks.Add(new Paragraph("No pupil on roll has SEN support or an EHC plan."));
        }
        else
        {
            blocks.Add(new Heading("Pupils"));
            blocks.Add(new TableBlock(
                [Column("Pupil", 2), Column("Year", 0.8), Column("SEN", 1.1), Number("Attendance", 1.2), Number("Behaviour", 1.1), Number("Homework", 1.2), Column("Subjects not making expected progress", 2.8)],
                [.. pupils.Select(p => new TableRow(
                    [
                        NameOf(input.Directory, p.PupilId), YearLabel(p.YearGroup), SenLabel(p.Sen), Percent(p.YearAttendance.AttendanceRate),
                        Count(p.BehaviourPoints), p.Homework.Set == 0 ? "None set" : Percent(p.Homework.CompletionRate),
                        !p.HasResults ? "No results yet" : p.NotMakingExpectedProgress ? string.Join(", ", p.Subjects.Where(s => s.NotMakingExpectedProgress).Select(s => s.Subject)) : "None",
                    ],
                    p.YearAttendance.IsPersistentAbsence ? Tone.Concern : p.NotMakingExpectedProgress ? Tone.Caution : Tone.Normal))],
                $"Pupils with SEN ({Count(pupils.Count)})"));
            var entries = pupils.SelectMany(p => p.Subjects.Select(s => (Pupil: p, Subject: s))).Where(e => e.Subject.NotMakingExpectedProgress).ToList();
            if (entries.Count > 0)
            {
                blocks.Add(StaffTables.BelowExpected($"Progress concerns in detail ({Count(entries.Count)} entries)", entries, input.Directory));
                blocks.AddRange(DefaultTargetNoteFor(entries.Select(e => e.Subject)));
            }
        }

        return new ReportDocument("SEN report", TermLabel(input.Snapshot.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Snapshot.Key)}-sen.pdf",
        };
    }
}
