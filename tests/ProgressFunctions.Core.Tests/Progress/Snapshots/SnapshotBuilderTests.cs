using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Progress.Snapshots;

public class SnapshotBuilderTests
{
    [Fact]
    public void Build_SameInputsTwice_GivesEqualSnapshots()
    {
        var first = SnapshotBuilder.Build(SnapshotData.Inputs());
        var second = SnapshotBuilder.Build(SnapshotData.Inputs());
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Build_SameInputsInAnotherOrder_GivesAnEqualSnapshot()
    {
        var inputs = SnapshotData.Inputs();
        var shuffled = inputs with
        {
            Pupils = [.. inputs.Pupils.Reverse()],
            Registers = [.. inputs.Registers.Reverse()],
            Targets = [.. inputs.Targets.Reverse()],
            Results = [.. inputs.Results.Reverse()],
        };
        Assert.Equal(SnapshotBuilder.Build(inputs), SnapshotBuilder.Build(shuffled));
    }

    [Fact]
    public void Build_OneIndexForSnapshotsOfTwoDates_EqualToEachBuiltFromItsOwnPupilsOnRoll()
    {
        // p2 leaves before the later date and p4 joins after the earlier one: the shared rows hold all four pupils.
        var inputs = SnapshotData.Inputs();
        var p2 = inputs.Pupils[1] with { LeavingDate = ProgressData.D(2025, 11, 28) };
        var p4 = ProgressData.Pupil("p4") with { AdmissionDate = ProgressData.D(2025, 11, 24) };
        var shared = inputs with
        {
            Pupils = [inputs.Pupils[0], p2, inputs.Pupils[2], p4],
            Results = [.. inputs.Results, ProgressData.Result("p4", "Maths", "DD1", ProgressData.D(2025, 12, 1), "6")],
            Targets = [.. inputs.Targets, ProgressData.Target("p4", "Maths", "6", "5", ProgressData.D(2025, 9, 1), ProgressData.D(2026, 8, 31))],
        };
        var index = PupilRowIndex.Of(shared);
        foreach (var asOf in new[] { ProgressData.D(2025, 11, 21), ProgressData.D(2025, 12, 5) })
        {
            var dated = shared with { AsOf = asOf };
            var alone = dated with { Pupils = [.. shared.Pupils.Where(p => p.OnRollDuring(asOf, asOf))] };
            var built = SnapshotBuilder.Build(dated, index);
            Assert.Equal(SnapshotBuilder.Build(alone), built);
            Assert.Equal(asOf.Day == 21 ? ["p1", "p2", "p3"] : ["p1", "p3", "p4"], built.Pupils.Select(p => p.PupilId));
        }
    }

    [Fact]
    public void Build_IndexOfOtherRows_Refused()
    {
        var inputs = SnapshotData.Inputs();
        var index = PupilRowIndex.Of(inputs);
        var other = inputs with { Results = [.. inputs.Results] };
        Assert.Throws<ArgumentException>(() => SnapshotBuilder.Build(other, index));
    }

    [Fact]
    public void Build_OneResultDifferent_GivesAnUnequalSnapshot() =>
        Assert.NotEqual(SnapshotBuilder.Build(SnapshotData.Inputs("3")), SnapshotBuilder.Build(SnapshotData.Inputs("4")));

    [Fact]
    public void Build_Pupil_HasTermAttendanceBehaviourAndHomeworkToTheSnapshotDate()
    {
        var snapshot = SnapshotBuilder.Build(SnapshotData.Inputs());
        var p2 = snapshot.Pupil("p2")!;
        // 63 school days from 3 September to 5 December: 126 sessions, the first 20 unauthorised absence.
        Assert.Equal(new AttendanceTotals(106, 0, 0, 20, 0), p2.TermAttendance);
        Assert.Equal(AttendanceBand.Persistent, p2.AttendanceBand);
        Assert.Equal((3, 2), (p2.BehaviourPoints, p2.AchievementPoints));   // the July event is in last year

        var p1 = snapshot.Pupil("p1")!;
        Assert.Equal(new HomeworkSummary(1, 1, 1), p1.Homework);              // the 12 December piece is not due yet
        Assert.Equal(200m / 3m, p1.Homework.CompletionRate);
    }

    [Fact]
    public void Build_Subjects_HaveCurrentTargetExpectedAndBand()
    {
        var snapshot = SnapshotBuilder.Build(SnapshotData.Inputs());
        // Path 3 -> 5 from 1 Sep 2025 to 31 Aug 2026; on 1 December (day 91 of 364) the expectation is 3.5.
        var maths = snapshot.Pupil("p2")!.Subjects.Single();
        Assert.Equal(("3", 3m, "5", 3.5m, "4", ProgressBand.Below), (maths.CurrentGrade, maths.Current, maths.TargetGrade, maths.Expected, maths.ExpectedGrade, maths.Band));
        Assert.True(snapshot.Pupil("p2")!.NotMakingExpectedProgress);
        Assert.Equal(["English", "Maths"], snapshot.Pupil("p1")!.Subjects.Select(s => s.Subject));
        Assert.Equal("p1", Assert.Single(snapshot.Issues).PupilId);   // the "Z" English result
        Assert.Null(snapshot.Ks2);
    }

    [Fact]
    public void Build_Cohorts_SummariseSchoolYearSenAndTeachingGroups()
    {
        var cohorts = SnapshotBuilder.Build(SnapshotData.Inputs()).Cohorts;
        Assert.Equal(
            ["School Whole school", "YearGroup Year 10", "YearGroup Year 11", "Sen No SEN", "Sen SEN support (K)",
             "Subject English", "TeachingGroup 10E1", "Subject Maths", "TeachingGroup 10X1", "TeachingGroup 10X2"],
            cohorts.Select(c => $"{c.Kind} {c.Name}"));

        var school = cohorts[0];
        Assert.Equal((3, 2, 1, 1), (school.Pupils, school.PupilsWithPossibleSessions, school.PersistentAbsentees, school.NotMakingExpectedProgress));
        Assert.Equal([1, 1, 1, 0], school.Bands.Select(b => b.Entries));
        Assert.Equal(50m, school.PersistentAbsenceRate);
        var maths = cohorts.Single(c => c.Kind == CohortKind.Subject && c.Name == "Maths");
        Assert.Equal((2, 1), (maths.Pupils, maths.NotMakingExpectedProgress));
    }

    [Fact]
    public void Build_WithPreviousSnapshot_GivesTheChangeSinceThen()
    {
        var previous = SnapshotBuilder.Build(SnapshotData.Inputs("2"));                 // d = -1.5: well below
        var current = SnapshotBuilder.Build(SnapshotData.Inputs("3") with { Previous = previous });

        var maths = current.Pupil("p2")!.Subjects.Single();
        Assert.Equal((1m, ProgressBand.WellBelow, ProgressBand.Below), (maths.ChangeSinceLast!.Value, maths.PreviousBand!.Value, maths.Band!.Value));

        var change = SnapshotComparison.Compare(previous, current).Single(c => c.PupilId == "p2");
        Assert.Equal((1m, 1), (change.Change!.Value, change.BandMovement!.Value));
        Assert.Empty(SnapshotComparison.NewlyNotMakingExpectedProgress(previous, current));
        Assert.Equal(["p2"], SnapshotComparison.NewlyNotMakingExpectedProgress(null, current));
    }

    [Fact]
    public void Build_NoResultSinceThePreviousSnapshot_SaysSoAndGivesNoChange()
    {
        var previous = SnapshotBuilder.Build(SnapshotData.Inputs());
        var spring = SnapshotData.Inputs() with { Key = SnapshotData.AutumnEnd with { Term = Core.Schools.TermName.Spring }, AsOf = new DateOnly(2026, 3, 20), Previous = previous };
        // p1 is assessed again in English on 13 March; in Maths, nobody is, so both keep their result of 1 December.
        var current = SnapshotBuilder.Build(spring with { Results = [.. spring.Results, ProgressData.Result("p1", "English", "DD2", new DateOnly(2026, 3, 13), "5")] });

        var p1 = current.Pupil("p1")!.Subjects.ToDictionary(s => s.Subject);
        Assert.Equal((true, (decimal?)null, new DateOnly(2025, 12, 1)), (p1["Maths"].NotAssessedSinceLast, p1["Maths"].ChangeSinceLast, p1["Maths"].LatestOn!.Value));
        Assert.Equal((false, (decimal?)0m, new DateOnly(2026, 3, 13)), (p1["English"].NotAssessedSinceLast, p1["English"].ChangeSinceLast, p1["English"].LatestOn!.Value));
        Assert.All(previous.Pupils.SelectMany(p => p.Subjects), s => Assert.False(s.NotAssessedSinceLast));
    }

    [Fact]
    public void Build_FirstResultSinceThePreviousSnapshot_SaysSoAndGivesNoChange()
    {
        // p2 has a Maths target but no result at the autumn snapshot: its result of 1 December reached the MIS after it.
        var autumn = SnapshotData.Inputs();
        autumn = autumn with { Results = [.. autumn.Results.Where(r => r.PupilId != "p2")] };
        var spring = SnapshotData.Inputs() with { Key = SnapshotData.AutumnEnd with { Term = Core.Schools.TermName.Spring }, AsOf = new DateOnly(2026, 3, 20) };

        var current = SnapshotBuilder.Build(spring with { Previous = SnapshotBuilder.Build(autumn) });

        var maths = current.Pupil("p2")!.Subjects.Single();
        Assert.Equal((true, false, (decimal?)null), (maths.FirstResultSinceLast, maths.NotAssessedSinceLast, maths.ChangeSinceLast));
        Assert.All(current.Pupil("p1")!.Subjects, s => Assert.False(s.FirstResultSinceLast));
    }

    [Fact]
    public void Build_PupilNotInThePreviousSnapshotOrNoneTaken_IsNotAFirstResult()
    {
        var spring = SnapshotData.Inputs() with { Key = SnapshotData.AutumnEnd with { Term = Core.Schools.TermName.Spring }, AsOf = new DateOnly(2026, 3, 20) };
        var withoutP2 = SnapshotData.Inputs();
        withoutP2 = withoutP2 with { Pupils = [.. withoutP2.Pupils.Where(p => p.Id != "p2")] };

        var joined = SnapshotBuilder.Build(spring with { Previous = SnapshotBuilder.Build(withoutP2) });
        var first = SnapshotBuilder.Build(spring);

        Assert.All([joined, first], s => Assert.DoesNotContain(s.Pupils.SelectMany(p => p.Subjects), x => x.FirstResultSinceLast));
    }

    [Fact]
    public void Build_ResultCorrectedInTheMisAtTheSameDate_IsAChangeNotAMissedAssessment()
    {
        var previous = SnapshotBuilder.Build(SnapshotData.Inputs("2"));
        var current = SnapshotBuilder.Build(SnapshotData.Inputs("3") with { Previous = previous });

        var maths = current.Pupil("p2")!.Subjects.Single();
        Assert.Equal((false, (decimal?)1m), (maths.NotAssessedSinceLast, maths.ChangeSinceLast));
    }

    [Fact]
    public void Build_GcseResultsWithoutTarget_GetADefaultTargetFromTheMatrices()
    {
        var inputs = SnapshotData.Inputs() with { DefaultTargets = Core.Progress.DefaultTargets.TransitionMatrices.Dfe2024 };
        inputs = inputs with { Results = [.. inputs.Results, ProgressData.Result("p3", "Mathematics", "DD1", ProgressData.D(2025, 12, 1), "4")] };

        var snapshot = SnapshotBuilder.Build(inputs);

        var maths = Assert.Single(snapshot.Pupil("p3")!.Subjects, s => s.Subject == "Mathematics");
        Assert.Equal(TargetSource.DfeTransitionMatrix, maths.TargetSource);
        Assert.Equal(Core.Progress.DefaultTargets.TransitionMatrices.Dfe2024.MostLikely("Mathematics", null)!.Grade, maths.TargetGrade);
        Assert.All(snapshot.Pupil("p1")!.Subjects, s => Assert.Equal(TargetSource.School, s.TargetSource));
    }

    [Fact]
    public void Build_TermSnapshot_HasNoKs2SummaryEvenWithScores()
    {
        var inputs = SnapshotData.Inputs() with
        {
            Key = SnapshotData.Inputs().Key with { Term = Core.Schools.TermName.Summer, Point = SnapshotPoint.End },
            Pupils = [ProgressData.Pupil("y6", yearGroup: 6)],
            Results = [ProgressData.Result("y6", "Reading", "SATs", ProgressData.D(2025, 12, 1), "104", scale: "KS2")],
        };

        Assert.Null(SnapshotBuilder.Build(inputs).Ks2);
        Assert.NotNull(SnapshotBuilder.Build(inputs with { Key = inputs.Key with { Point = SnapshotPoint.Ks2Results } }).Ks2);
    }

    [Fact]
    public void Build_ResultsWithoutAnyTarget_KeptAsUntargetedWithTheirLatestGrade()
    {
        // Combined science has no DfE default: the subject must still reach the pupil's report.
        var inputs = SnapshotData.Inputs() with { DefaultTargets = Core.Progress.DefaultTargets.TransitionMatrices.Dfe2024 };
        inputs = inputs with
        {
            Results =
            [
                .. inputs.Results,
                ProgressData.Result("p3", " Science", "DD1", ProgressData.D(2025, 10, 1), "3"),
                ProgressData.Result("p3", "science", "DD2", ProgressData.D(2025, 11, 20), "4"),
                ProgressData.Result("p3", "Science", "DD3", ProgressData.D(2025, 11, 25), "Q"),
                ProgressData.Result("p3", "Science", "DD4", ProgressData.D(2026, 2, 1), "5"),
            ],
        };

        var pupil = SnapshotBuilder.Build(inputs).Pupil("p3")!;

        Assert.Equal([new UntargetedSubject("Science", "GCSE", "4")], pupil.WithoutTarget!);
        Assert.DoesNotContain(pupil.Subjects, s => s.Subject == "Science");
        Assert.Null(SnapshotBuilder.Build(inputs).Pupil("p1")!.WithoutTarget);
    }
}
