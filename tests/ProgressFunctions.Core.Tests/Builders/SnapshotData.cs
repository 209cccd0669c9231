using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>A small school for snapshot tests: three pupils, the typical 2025/26 calendar, a few marks and results.</summary>
internal static class SnapshotData
{
    public static SchoolCalendar Calendar { get; } = TypicalCalendar.Build(new AcademicYear(2025), 1, BankHolidays.EnglandAndWales);

    public static SnapshotKey AutumnEnd { get; } = new("100001", new AcademicYear(2025), TermName.Autumn, SnapshotPoint.End);

    public static SnapshotInputs Inputs(string p2Grade = "3")
    {
        var course = (Start: D(2025, 9, 1), End: D(2026, 8, 31));
        return new SnapshotInputs
        {
            Key = AutumnEnd,
            AsOf = D(2025, 12, 5),
            Calendar = Calendar,
            Pupils = [Pupil("p1"), Pupil("p2", sen: SenStatus.Support), Pupil("p3", yearGroup: 11)],
            Registers = [Register("p1", absentDays: 0), Register("p2", absentDays: 10)],
            Targets =
            [
                Target("p1", "Maths", "5", "3", course.Start, course.End, group: "10X1"),
                Target("p2", "Maths", "5", "3", course.Start, course.End, group: "10X2"),
                Target("p1", "English", "6", "5", course.Start, course.End, group: "10E1"),
            ],
            Results =
            [
                Result("p1", "Maths", "DD1", D(2025, 12, 1), "4"),
                Result("p2", "Maths", "DD1", D(2025, 12, 1), p2Grade),
                Result("p1", "English", "DD1", D(2025, 12, 1), "5"),
                Result("p1", "English", "DD0", D(2025, 10, 1), "Z"),
            ],
            Behaviour =
            [
                new BehaviourEvent { PupilId = "p2", Date = D(2025, 11, 3), Points = -3 },
                new BehaviourEvent { PupilId = "p2", Date = D(2025, 11, 4), Points = 2 },
                new BehaviourEvent { PupilId = "p2", Date = D(2025, 7, 1), Points = -9 },
            ],
            Homework =
            [
                new HomeworkRecord { PupilId = "p1", Subject = "Maths", Due = D(2025, 10, 6), Status = HomeworkStatus.Completed },
                new HomeworkRecord { PupilId = "p1", Subject = "Maths", Due = D(2025, 10, 13), Status = HomeworkStatus.Late },
                new HomeworkRecord { PupilId = "p1", Subject = "Maths", Due = D(2025, 10, 20), Status = HomeworkStatus.Missing },
                new HomeworkRecord { PupilId = "p1", Subject = "Maths", Due = D(2025, 12, 12), Status = HomeworkStatus.Missing },
            ],
        };
    }

    /// <summary>Present every session of the autumn term up to 5 December, absent (O) both sessions on the first <paramref name="absentDays"/> days.</summary>
    private static PupilRegister Register(string pupilId, int absentDays)
    {
        var register = new PupilRegister(pupilId, Calendar);
        var days = Calendar.SchoolDays.Where(d => d <= D(2025, 12, 5)).ToList();
        for (var i = 0; i < days.Count; i++)
        {
            var code = AttendanceCode.Parse(i < absentDays ? "O" : "/");
            register.TrySet(days[i], SessionOfDay.Am, code);
            register.TrySet(days[i], SessionOfDay.Pm, code);
        }

        return register;
    }
}
