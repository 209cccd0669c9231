using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.PupilGroups.GroupPupils;

namespace ProgressFunctions.Core.Tests.Reports;

public sealed class StaffTablesTests
{
    /// <summary>30 pupils attending all their 100 sessions, then the given ones attending 60 (persistent) and 40 (severe).</summary>
    private static List<PupilSnapshot> Cohort(int persistent, int severe) =>
    [
        .. Many(30, "full", id => Pupil(id, attended: 100, possible: 100)),
        .. Many(persistent, "pa", id => Pupil(id, attended: 60, possible: 100)),
        .. Many(severe, "sa", id => Pupil(id, attended: 40, possible: 100)),
    ];

    [Fact]
    public void CohortFacts_PersistentAbsenceTile_SaysSevereAbsenteesAreCounted()
    {
        var cohort = CohortProgress.AllOf(Cohort(persistent: 29, severe: 2))[0];

        var facts = StaffTables.CohortFacts(cohort).Facts;

        Assert.Equal(("Persistent absence (incl. severe)", "31 (50.8%)"), (facts[2].Label, facts[2].Value));
        Assert.Equal(("Severe absence", "2"), (facts[3].Label, facts[3].Value));
    }

    [Theory]
    // pupils persistently (not severely) and severely absent -> the note under the band chart
    [InlineData(29, 2, "counts severe absence (50% or more) too: 31 pupils = 29 with attendance over 50% to 90% + 2 at 50% and below.")]
    [InlineData(0, 1, "counts severe absence (50% or more) too: 1 pupil = 0 with attendance over 50% to 90% + 1 at 50% and below.")]
    [InlineData(5, 0, null)]
    [InlineData(0, 0, null)]
    public void PersistentAbsenceNote_SevereAbsentees_SplitsTheTileCountIntoTheChartsBands(int persistent, int severe, string? expected)
    {
        var note = StaffTables.PersistentAbsenceNote(Cohort(persistent, severe)).SingleOrDefault();

        if (expected is null)
        {
            Assert.Null(note);
        }
        else
        {
            Assert.EndsWith(expected, note!.Value, StringComparison.Ordinal);
            Assert.True(note.Small);
        }
    }

    [Fact]
    public void AttendanceList_LateColumns_EachNamesItsPeriod()
    {
        var table = StaffTables.AttendanceList("Persistent absence", Cohort(2, 0), new SchoolDirectory([], [], [], [], []));

        Assert.Equal(["Late (year)", "Minutes late (term)"], table.Columns.Skip(5).Take(2).Select(c => c.Header));
    }

    [Fact]
    public void AttendanceList_TwoPupilsOfOneNameInOneForm_ToldApartAndNoOtherRow()
    {
        Pupil Named(string id, string forename, int day) => new()
        {
            Id = id, Upn = $"A8234012{day:00000}", LegalForename = forename, LegalSurname = "Khan", DateOfBirth = new DateOnly(2012, 9, day), YearGroup = 8, RegistrationGroup = "8C",
        };
        var directory = new SchoolDirectory([Named("pa1", "Sam", 4), Named("pa2", "Sam", 5), Named("pa3", "Ava", 6)], [], [], [], []);

        var table = StaffTables.AttendanceList("Persistent absence", Cohort(3, 0).Where(p => p.PupilId.StartsWith("pa", StringComparison.Ordinal)).ToList(), directory);

        Assert.Equal(["Ava Khan", "Sam Khan (UPN ending 0004)", "Sam Khan (UPN ending 0005)"], table.Rows.Select(r => r.Cells[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    // behaviour points of the pupils, most first -> rows listed with top 3, and the caption
    [InlineData(new[] { 9, 7, 5, 5, 5, 2 }, 5, "Highest behaviour points this term (top 3, and 2 more tied on 5 points)")]
    [InlineData(new[] { 9, 7, 5, 4 }, 3, "Highest behaviour points this term (top 3)")]
    [InlineData(new[] { 9, 1, 1 }, 3, "Highest behaviour points this term (top 3)")]
    [InlineData(new[] { 9, 1, 1, 1 }, 4, "Highest behaviour points this term (top 3, and 1 more tied on 1 point)")]
    [InlineData(new[] { 9, 2, 2, 2, 2, 2, 2, 2 }, 8, "Highest behaviour points this term (top 3, and 5 more tied on 2 points)")]
    [InlineData(new[] { 9, 2, 2, 2, 2, 2, 2, 2, 2 }, 3, "Highest behaviour points this term (top 3; 6 more pupils also have 2 points and are not listed)")]
    public void Behaviour_TieAtTheLastPlace_EveryTiedPupilListed(int[] points, int rows, string caption)
    {
        var pupils = points.Select((p, i) => Pupil($"b{i}", behaviour: p)).ToList();

        var table = Assert.IsType<TableBlock>(StaffTables.Behaviour(pupils, new SchoolDirectory([], [], [], [], []), top: 3));

        Assert.Equal((rows, caption), (table.Rows.Count, table.Caption));
    }
}
