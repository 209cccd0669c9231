using System.Globalization;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.AttendanceOfficer;

/// <summary>What the weekly summary is made from: the school week, every pupil on roll and their registers.</summary>
/// <remarks>
/// <see cref="Week"/> runs from the week's first school day to the last day measured, both inclusive. Continuous absences
/// are listed when they ran at any time in the week. <see cref="OpenInterventions"/> marks pupils with one open.
/// </remarks>
public sealed record WeeklySummaryInput(string SchoolName, DateOnly Monday, DateRange Week, IReadOnlyList<PupilRegister> Registers, SchoolDirectory Directory)
{
    /// <summary>School days in a row from which schools must tell the local authority of an absence without permission.</summary>
    public const int ContinuousAbsenceDays = 10;

    /// <summary>Whether the school must notify the local authority of the spell: 10 school days in a row absent without permission.</summary>
    public static bool ToNotify(ContinuousAbsenceCase spell) => spell.DaysWithoutPermission >= ContinuousAbsenceDays;

    public IReadOnlyDictionary<string, string> OpenInterventions { get; init; } = new Dictionary<string, string>();
}

/// <summary>The attendance officer's and headteacher's weekly summary: the pupils at the penalty-notice threshold and those absent 10 or more school days in a row (without permission first), each with the evidence.</summary>
public static class WeeklySummary
{
    /// <summary>The two lists, in the order the summary prints them: most unauthorised sessions first; open spells first, longest first.</summary>
    public static (IReadOnlyList<PenaltyThresholdCase> Penalty, IReadOnlyList<ContinuousAbsenceCase> Continuous) Lists(WeeklySummaryInput input)
    {
        var measured = input.Week.End;
        var penalty = input.Registers.Select(r => StatutoryLists.PenaltyThreshold(r, measured, AttendanceRules.Default)).OfType<PenaltyThresholdCase>()
            .OrderByDescending(c => c.Count.UnauthorisedSessions).ThenByPupilName(c => NameOf(input.Directory, c.PupilId), c => c.PupilId).ToList();
        var spells = input.Registers.SelectMany(r => StatutoryLists.ContinuousAbsences(r, measured, input.Week.Start, WeeklySummaryInput.ContinuousAbsenceDays))
            .OrderByDescending(c => c.Open).ThenByDescending(c => c.Spell.SchoolDays).ThenByPupilName(c => NameOf(input.Directory, c.PupilId), c => c.PupilId).ToList();
        return (penalty, spells);
    }

    public static ReportDocument Build(WeeklySummaryInput input) => Build(input, Lists(input));

    /// <summary>The summary from its <see cref="Lists"/> already worked out, so a decision that also counts them does it once.</summary>
    public static ReportDocument Build(WeeklySummaryInput input, (IReadOnlyList<PenaltyThresholdCase> Penalty, IReadOnlyList<ContinuousAbsenceCase> Continuous) lists)
    {
        var measured = input.Week.End;
        var (penalty, spells) = lists;
        var (notify, permitted) = (spells.Where(WeeklySummaryInput.ToNotify).ToList(), spells.Where(c => !WeeklySummaryInput.ToNotify(c)).ToList());
        var cohort = CohortSummary.Of("whole school", input.Registers.Select(r => r.Totals(input.Week)));
        var year = CohortSummary.Of("whole school", input.Registers.Select(r => AttendanceMeasures.YearToDate(r, measured)));
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"The whole school, {Count(input.Registers.Count)} pupils on roll, for the school week from {Date(input.Week.Start)} to {Date(measured)} (registers up to then). " +
                "Two lists the law asks schools to act on: pupils who have reached the national penalty-notice threshold (10 sessions of unauthorised absence within " +
                "10 school weeks), and pupils absent without the school's permission for 10 or more school days in a row, whom the school must notify to the " +
                "local authority. Pupils absent 10 or more days in a row with permission for some of them (ill, for example) are listed after them, to follow up."),
            new KeyFacts(
            [
                new KeyFact("Attendance this week (whole school)", Percent(cohort.AttendanceRate), ToneOf(cohort.Totals.Band)),
                new KeyFact("Attendance this year (whole school)", Percent(year.AttendanceRate), ToneOf(year.Totals.Band)),
                new KeyFact("At the penalty-notice threshold", Count(penalty.Count), penalty.Count > 0 ? Tone.Concern : Tone.Good),
                new KeyFact("Absent 10+ days without permission", Count(notify.Count), notify.Count > 0 ? Tone.Concern : Tone.Good),
                new KeyFact("Absent 10+ days, some with permission", Count(permitted.Count), permitted.Count > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Still absent", Count(spells.Count(s => s.Open)), spells.Any(s => s.Open) ? Tone.Concern : Tone.Good),
            ]),
            penalty.Count == 0
                ? new Paragraph("No pupil has 10 or more unauthorised sessions in the last 10 school weeks.")
                : new TableBlock([Column("Pupil", 1.7), Column(RegistrationGroupHeading(input.Directory), 0.6), Number("Sessions", 0.8), Column("10 school weeks", 1.5), Column("The unauthorised sessions that count", 4.2)],
                    [.. penalty.Select(c => new TableRow(
                    [
                        NameOf(input.Directory, c.PupilId), Form(input, c.PupilId), Count(c.Count.UnauthorisedSessions),
                        $"{ShortDate(c.Count.WindowStart)} to {ShortDate(c.Count.WindowEnd)}",
                        DigestRows.Marked(Sessions(c.Sessions), input.OpenInterventions.GetValueOrDefault(c.PupilId)),
                    ], Tone.Concern))],
                    $"At the penalty-notice threshold: 10 or more unauthorised sessions in 10 school weeks ({Count(penalty.Count)})"),
            new Paragraph("Unauthorised sessions are G, N, O and U. N (no reason yet) counts as unauthorised until the school records a reason, " +
                "so check any N listed before acting on the threshold.", Small: true),
            notify.Count == 0
                ? new Paragraph("No pupil has been absent without the school's permission for 10 or more school days in a row this week.")
                : Spells(input, notify, $"Notify the local authority: absent without permission 10 or more school days in a row ({Count(notify.Count)})"),
        };
        if (permitted.Count > 0)
        {
            blocks.Add(Spells(input, permitted, $"Absent 10 or more school days in a row, with permission for some or all ({Count(permitted.Count)})"));
            blocks.Add(new Paragraph("Not for the 10-day return, which is for 10 school days in a row absent without permission (G, N, O, U). " +
                "A sickness return is due to the local authority once a pupil has been absent through illness for 15 school days.", Small: true));
        }

        return new ReportDocument($"Weekly attendance summary: {Date(input.Monday)}", "Penalty-notice threshold and continuous absence", input.SchoolName, measured, blocks)
        {
            FileName = $"weekly-summary-{input.Monday:yyyy-MM-dd}.pdf",
        };
    }

    /// <summary>"Mon 12 Jan AM O, PM O; Tue 13 Jan AM G": the sessions by day, with their marks.</summary>
    public static string Sessions(IEnumerable<SessionMark> marks) =>
        string.Join("; ", marks.GroupBy(m => m.Date).OrderBy(g => g.Key).Select(day =>
            day.Key.ToString("ddd d MMM", CultureInfo.InvariantCulture) + " " + string.Join(", ", day.OrderBy(m => m.Session).Select(m => $"{Session(m.Session)} {m.Code}"))));

    private static TableBlock Spells(WeeklySummaryInput input, IReadOnlyList<ContinuousAbsenceCase> spells, string caption) =>
        new([Column("Pupil", 1.7), Column(RegistrationGroupHeading(input.Directory), 0.6), Column("From", 0.9), Column("To", 0.9), Number("School days", 0.9), Number("Sessions", 0.8), Column("Marks", 1.6), Column("Still absent", 2.1)],
            [.. spells.Select(c => new TableRow(
            [
                NameOf(input.Directory, c.PupilId), Form(input, c.PupilId), ShortDate(c.Spell.First), ShortDate(c.Spell.Last),
                Count(c.Spell.SchoolDays), Count(c.Spell.Sessions), string.Join(", ", c.Codes.Select(x => $"{x.Code} {x.Sessions}")),
                DigestRows.Marked(c.Open ? "Yes" : "No, returned", input.OpenInterventions.GetValueOrDefault(c.PupilId)),
            ], c.Open ? Tone.Concern : Tone.Caution))],
            caption);

    private static string Form(WeeklySummaryInput input, string pupilId) => input.Directory.Pupil(pupilId)?.RegistrationGroup ?? "";
}
