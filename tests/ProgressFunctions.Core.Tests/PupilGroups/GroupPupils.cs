using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.PupilGroups;

/// <summary>Pupil snapshots with just the figures the group tests look at.</summary>
internal static class GroupPupils
{
    public static PupilSnapshot Pupil(string id, bool disadvantaged = false, int attended = 10, int possible = 10, int behaviour = 0,
        SenStatus sen = SenStatus.None, bool lookedAfter = false, string gender = "F", bool eal = false, int year = 9) =>
        new(id, year, $"{year}A", sen, AttendanceTotals.Zero, new AttendanceTotals(attended, 0, possible - attended, 0, 0), [], behaviour, 0, HomeworkSummary.None)
        {
            Characteristics = new PupilCharacteristics(gender, disadvantaged, false, eal, lookedAfter),
        };

    public static IEnumerable<PupilSnapshot> Many(int count, string prefix, Func<string, PupilSnapshot> make) =>
        Enumerable.Range(1, count).Select(i => make($"{prefix}{i}"));
}
