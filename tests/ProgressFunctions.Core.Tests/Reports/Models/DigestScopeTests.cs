using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public sealed class DigestScopeTests
{
    private static readonly DateOnly s_asOf = D("2025-11-28");

    [Theory]
    [InlineData("officer", "whole school", 4)]
    [InlineData("leader9", "Year 9", 2)]
    [InlineData("senco", "pupils with SEN", 1)]
    public void For_Role_CoversItsScope(string staffId, string label, int pupils)
    {
        var (directory, onRoll) = School();

        var scope = DigestScope.For(staffId, directory, onRoll);

        Assert.Equal((label, pupils), (scope.Label, scope.Pupils.Count));
    }

    [Fact]
    public void Build_HeadlineFigures_AreTheScopesNotTheAlertedPupils()
    {
        var (directory, onRoll) = School();
        var registers = new Dictionary<string, PupilRegister>
        {
            // a9 is absent a lot (the one with an alert); b9 is present every day and late today, 15 minutes.
            ["a9"] = new RegisterBuilder(Year2025, "a9").Present(D("2025-09-03"), s_asOf).Fill(D("2025-11-10"), D("2025-11-21"), "I").Build(),
            ["b9"] = new RegisterBuilder(Year2025, "b9").Present(D("2025-09-03"), D("2025-11-27")).Build(),
            ["c7"] = new RegisterBuilder(Year2025, "c7").Present(D("2025-09-03"), s_asOf).Build(),
            ["d7"] = new RegisterBuilder(Year2025, "d7").Present(D("2025-09-03"), s_asOf).Build(),
        };
        registers["b9"].TrySet(s_asOf, SessionOfDay.Am, AttendanceCode.Parse("L"), 15);
        registers["b9"].TrySet(s_asOf, SessionOfDay.Pm, AttendanceCode.Parse("\\"));

        var document = AttendanceDigest.Build(AttendanceDigestInput.For("Oak", s_asOf, s_asOf, 1, "leader9", ["a9"], Year2025, directory, registers, onRoll));

        var facts = document.Blocks.OfType<KeyFacts>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        // Year 9, 58 school days (3 Sep - 28 Nov): a9 absent 20 of 116 sessions, b9 present all 116: 212 of 232, 91.4%;
        // the whole school's four pupils would give 95.7%, and a9 alone 82.8%.
        Assert.Equal("91.4%", facts["Attendance this year (Year 9)"]);
        Assert.Equal("1 (50.0%)", facts["Persistent absence (Year 9)"]);
        Assert.Equal("1 pupil", facts["Late today (Year 9)"]);
        var late = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Late today", StringComparison.Ordinal));
        Assert.Equal("AM: late before the register closed (L), 15 minutes late", Assert.Single(late.Rows).Cells[2]);
    }

    [Fact]
    public void Build_TodayNotMarkedYet_SaysSoInsteadOfNobodyLate()
    {
        var (directory, onRoll) = School();
        var registers = onRoll.ToDictionary(p => p.Id, p => new RegisterBuilder(Year2025, p.Id).Present(D("2025-09-03"), D("2025-11-27")).Build());

        var document = AttendanceDigest.Build(AttendanceDigestInput.For("Oak", s_asOf, D("2025-11-27"), 1, "officer", [], Year2025, directory, registers, onRoll));

        var facts = document.Blocks.OfType<KeyFacts>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("No marks yet", facts["Late today (whole school)"]);
        Assert.Equal("100.0%", facts["Attendance this year (whole school)"]);
        Assert.Contains(document.Text(), t => t == "Late today: No marks yet for today.");
        Assert.DoesNotContain(document.Text(), t => t.Contains("Nobody was late", StringComparison.Ordinal));
    }

    private static (Core.Reports.Routing.SchoolDirectory Directory, IReadOnlyList<Pupil> OnRoll) School()
    {
        var pupils = new[]
        {
            new Pupil { Id = "a9", Upn = "", LegalForename = "a9", LegalSurname = "Test", YearGroup = 9, Sen = SenStatus.Support },
            new Pupil { Id = "b9", Upn = "", LegalForename = "b9", LegalSurname = "Test", YearGroup = 9 },
            new Pupil { Id = "c7", Upn = "", LegalForename = "c7", LegalSurname = "Test", YearGroup = 7 },
            new Pupil { Id = "d7", Upn = "", LegalForename = "d7", LegalSurname = "Test", YearGroup = 7 },
        };
        var built = new DirectoryBuilder().Staff("officer", StaffRoleKind.AttendanceOfficer).Staff("leader9", StaffRoleKind.YearLeader, "9").Staff("senco", StaffRoleKind.Senco).Build();
        return (new Core.Reports.Routing.SchoolDirectory(pupils, [], [], built.Roles.Select(r => built.Staff(r.StaffId)!).Distinct(), built.Roles), pupils);
    }
}
