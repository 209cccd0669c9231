using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.Mentors;

public class WeeklyDecisionsTests
{
    private static readonly DateRange s_week = new(D("2025-11-17"), D("2025-11-21"));

    private static WeeklyInputs Inputs(params Mentee[] caseloads)
    {
        string[] names = ["Zoë Brontë", "Seán Byrne", "Ava Khan", "Leo Patel"];
        var pupils = names.Select((n, i) => new Pupil { Id = $"p{i + 1}", Upn = "", LegalForename = n.Split(' ')[0], LegalSurname = n.Split(' ')[1], RegistrationGroup = "9A", YearGroup = 9 }).ToList();
        var directory = new SchoolDirectory(pupils, [], [],
            [.. new[] { "M1", "M2", "T1", "A1", "H1" }.Select(id => new StaffMember { Id = id, Forename = id, Surname = "Staff", Email = $"{id.ToLowerInvariant()}@school.example" })],
            [new("M1", StaffRoleKind.ProgressMentor), new("M2", StaffRoleKind.ProgressMentor), new("T1", StaffRoleKind.Teacher, "9A"), new("A1", StaffRoleKind.AttendanceOfficer), new("H1", StaffRoleKind.Headteacher)]);
        var registers = pupils.ToDictionary(p => p.Id, p => new RegisterBuilder(Year2025, p.Id).Present(D("2025-09-03"), s_week.End).Build());
        registers["p1"] = new RegisterBuilder(Year2025, "p1").Present(D("2025-09-03"), s_week.End).Day(D("2025-11-18"), "O").Mark(D("2025-11-19"), SessionOfDay.Am, "L").Build();
        var figures = pupils.ToDictionary(p => p.Id, p => new PupilSnapshot(p.Id, 9, "9A", SenStatus.Support, AttendanceTotals.Zero,
            AttendanceMeasures.YearToDate(registers[p.Id], s_week.End), [], 4, 0, new HomeworkSummary(3, 0, 2)));
        var progress = new Dictionary<string, PupilProgress>
        {
            ["p2"] = new("p2", [], [],
                [new BehaviourEvent { PupilId = "p2", Date = D("2025-11-20"), Points = -3 }, new BehaviourEvent { PupilId = "p2", Date = D("2025-11-10"), Points = -1 }],
                [new HomeworkRecord { PupilId = "p2", Subject = "Maths", Due = D("2025-11-19"), Status = HomeworkStatus.Missing }])
            {
                Interventions = [new ProgressFunctions.Core.Interventions.Intervention { PupilId = "p2", Type = "Social skills group", Start = D("2025-11-03") }],
            },
        };
        return new WeeklyInputs("100001", s_week.Start, s_week, directory, registers, pupils, caseloads, figures, progress, new Letterhead("Oakfield Academy", "the office"));
    }

    [Fact]
    public void For_TwoMentors_EachDigestHoldsTheirOwnMenteesOnly()
    {
        var sends = WeeklyDecisions.For(Inputs(new("M1", "p1"), new("M2", "p2"), new("M2", "p3")));

        var digests = sends.Messages.Where(m => m.Kind == ReportKind.MentorDigest).ToDictionary(m => m.Recipient.Id, m => string.Join("\n", ((DocumentPayload)m.Payload).Document.Text()));
        Assert.Equal(["M1", "M2"], digests.Keys.Order());
        Assert.Contains("Zoë Brontë", digests["M1"], StringComparison.Ordinal);
        Assert.DoesNotContain("Seán Byrne", digests["M1"], StringComparison.Ordinal);
        Assert.DoesNotContain("Ava Khan", digests["M1"], StringComparison.Ordinal);
        Assert.Contains("Seán Byrne", digests["M2"], StringComparison.Ordinal);
        Assert.Contains("Ava Khan", digests["M2"], StringComparison.Ordinal);
        Assert.DoesNotContain("Zoë Brontë", digests["M2"], StringComparison.Ordinal);
        Assert.All(digests.Values, text => Assert.DoesNotContain("Leo Patel", text, StringComparison.Ordinal));
        Assert.Equal(["A1", "H1"], sends.Messages.Where(m => m.Kind == ReportKind.WeeklySummary).Select(m => m.Recipient.Id).Order());
        Assert.Empty(sends.NotReached);
    }

    [Fact]
    public void For_CaseloadOfSomeoneWhoIsNotAMentor_RecordedNotReached()
    {
        var sends = WeeklyDecisions.For(Inputs(new("T1", "p1"), new("X9", "p2")));

        Assert.DoesNotContain(sends.Messages, m => m.Kind == ReportKind.MentorDigest);
        Assert.Equal(
            [("T1", "caseloads.csv names staff T1, who is not a progress mentor"), ("X9", "caseloads.csv names staff X9, who is not in the staff list")],
            sends.NotReached.Select(n => (n.RecipientId, n.Reason)));
    }

    [Fact]
    public void MenteeWeek_Figures_TheWeeksOwnRecords()
    {
        var week = Inputs(new Mentee("M2", "p2"));
        var mentee = ProgressFunctions.Core.Reports.Mentors.MenteeWeek.Of(week.MenteeFigures["p2"], "Seán Byrne", week.Registers["p2"], s_week,
            week.Progress["p2"].Behaviour, week.Progress["p2"].Homework, week.Progress["p2"].Interventions!);
        var p1 = ProgressFunctions.Core.Reports.Mentors.MenteeWeek.Of(week.MenteeFigures["p1"], "Zoë Brontë", week.Registers["p1"], s_week, [], [], []);

        Assert.Equal((3, 4, 1, 2, "Social skills group (since 3 Nov)"), (mentee.BehaviourPointsWeek, mentee.BehaviourPointsTerm, mentee.HomeworkMissingWeek, mentee.HomeworkMissingTerm, mentee.OpenInterventions));
        Assert.Equal("No results yet", mentee.ProgressFlags);
        Assert.Equal((8, 10, 1), (p1.Week.Attended, p1.Week.Possible, p1.Week.Late));
    }
}
