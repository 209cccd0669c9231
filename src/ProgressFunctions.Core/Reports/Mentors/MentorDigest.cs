using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Mentors;

/// <summary>One mentee's week: attendance this week and this year, lateness, behaviour, homework not handed in, progress and open interventions.</summary>
/// <remarks>
/// The week runs from its first school day to <see cref="MentorDigestInput.DataTo"/>, both inclusive; "this year" is
/// from 1 August and "this term" from the term's first day, to the same day. Behaviour points add up the negative
/// events as a positive number, as every report does. <see cref="ProgressFlags"/> says why the school's rule picks the
/// pupil out, and which subjects are not making expected progress, at the latest results by then.
/// </remarks>
public sealed record MenteeWeek(
    string PupilId,
    string Name,
    string Form,
    AttendanceTotals Week,
    AttendanceTotals Year,
    int BehaviourPointsWeek,
    int BehaviourPointsTerm,
    int HomeworkMissingWeek,
    int HomeworkMissingTerm,
    string ProgressFlags,
    string? OpenInterventions)
{
    /// <summary>The mentee's week from their figures as of the week's last day (<paramref name="snapshot"/>, built then) and the week's own records.</summary>
    public static MenteeWeek Of(PupilSnapshot snapshot, string name, PupilRegister register, DateRange week,
        IEnumerable<BehaviourEvent> behaviour, IEnumerable<HomeworkRecord> homework, IEnumerable<Intervention> interventions)
    {
        var subjects = snapshot.Subjects.Where(s => s.NotMakingExpectedProgress).Select(s => s.Subject).ToList();
        var flags = !snapshot.HasResults ? "No results yet"
            : snapshot.NeedsAttention is { } why ? $"Needs attention: {why}"
            : subjects.Count > 0 ? "Not making expected progress in " + string.Join(", ", subjects)
            : "On track";
        if (snapshot.NeedsAttention is not null && subjects.Count > 0)
        {
            flags += "; not making expected progress in " + string.Join(", ", subjects);
        }

        return new MenteeWeek(snapshot.PupilId, name, snapshot.RegistrationGroup, register.Totals(week), snapshot.YearAttendance,
            -behaviour.Where(b => b.Points < 0 && week.Contains(b.Date)).Sum(b => b.Points), snapshot.BehaviourPoints,
            homework.Count(h => h.Status == HomeworkStatus.Missing && week.Contains(h.Due)), snapshot.Homework.Missing,
            flags, Alerts.AlertEngine.OpenInterventions(interventions, week.End));
    }
}

/// <summary>What a mentor's weekly digest is made from: the school week and their mentees, nobody else.</summary>
public sealed record MentorDigestInput(string SchoolName, string MentorName, DateOnly Monday, DateRange Week, IReadOnlyList<MenteeWeek> Mentees)
{
    public DateOnly DataTo => Week.End;
}

/// <summary>A progress mentor's weekly digest: each of their mentees' week, and only their mentees.</summary>
public static class MentorDigest
{
    public static ReportDocument Build(MentorDigestInput input)
    {
        var mentees = input.Mentees.InPupilNameOrder(m => m.Name, m => m.PupilId).ToList();
        var week = AttendanceTotals.Sum(mentees.Select(m => m.Week));
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"Your {Count(mentees.Count)} mentees, for the school week from {Date(input.Week.Start)} to {Date(input.DataTo)} (registers up to then). " +
                "This week's figures are for those days; the year's from 1 August, the term's from the start of term."),
            new KeyFacts(
            [
                new KeyFact("Mentees", Count(mentees.Count)),
                new KeyFact("Attendance this week (mentees)", Percent(week.AttendanceRate), ToneOf(week.Band)),
                new KeyFact("Late this week", Count(week.Late), week.Late > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Behaviour points this week", Count(mentees.Sum(m => m.BehaviourPointsWeek)), mentees.Any(m => m.BehaviourPointsWeek > 0) ? Tone.Caution : Tone.Good),
                new KeyFact("Homework not handed in this week", Count(mentees.Sum(m => m.HomeworkMissingWeek)), mentees.Any(m => m.HomeworkMissingWeek > 0) ? Tone.Caution : Tone.Good),
                new KeyFact("With an open intervention", Count(mentees.Count(m => m.OpenInterventions is not null))),
            ]),
            new TableBlock(
                [Column("Pupil", 2), Column("Form", 0.6), Number("This week", 1), Number("Sessions missed", 1), Number("This year", 1), Number("Late this week", 0.9), Number("Late this year", 0.9)],
                [.. mentees.Select(m => new TableRow(
                    [m.Name, m.Form, Percent(m.Week.AttendanceRate), Count(m.Week.Absent), Percent(m.Year.AttendanceRate), Count(m.Week.Late), Count(m.Year.Late)],
                    ToneOf(m.Year.Band)))],
                "Attendance and punctuality"),
            new TableBlock(
                [Column("Pupil", 2.4), Number("Behaviour points this week", 1.5), Number("Behaviour points this term", 1.5), Number("Homework missed this week", 1.5),
                    Number("Homework missed this term", 1.5)],
                [.. mentees.Select(m => new TableRow(
                    [m.Name, Count(m.BehaviourPointsWeek), Count(m.BehaviourPointsTerm), Count(m.HomeworkMissingWeek), Count(m.HomeworkMissingTerm)],
                    m.BehaviourPointsWeek > 0 || m.HomeworkMissingWeek > 0 ? Tone.Caution : Tone.Normal))],
                "Behaviour and homework"),
            new TableBlock(
                [Column("Pupil", 2), Column("Progress", 4), Column("Open interventions", 2.4)],
                [.. mentees.Select(m => new TableRow([m.Name, m.ProgressFlags, m.OpenInterventions ?? "None"], m.ProgressFlags.StartsWith("Needs attention", StringComparison.Ordinal) ? Tone.Caution : Tone.Normal))],
                "Progress and open interventions"),
        };
        return new ReportDocument($"Mentees' week: {Date(input.Monday)}", "Weekly mentor digest", input.SchoolName, input.DataTo, blocks)
        {
            FileName = $"mentor-digest-{input.Monday:yyyy-MM-dd}.pdf",
        };
    }
}
