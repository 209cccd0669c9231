using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Core.Tests.Imports;

public class ExportMergeTests
{
    private static readonly DateTimeOffset s_monday = new(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);
    private static readonly SchoolExport s_export =
        BundleReader.Read(new MemoryBundleSource(TestFiles.Write(SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Primary, 30, 42, new DateOnly(2025, 10, 10))))));

    [Fact]
    public void Apply_SameExportTwice_SecondChangesNothing()
    {
        var (once, first) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var (twice, second) = ExportMerge.Apply(once, s_export, s_monday);
        Assert.Equal(30, first.PupilsAdded);
        Assert.True(second.ChangedNothing);
        Assert.Equal(once.Attendance, twice.Attendance);
    }

    [Fact]
    public void Apply_PupilMissingFromLaterExport_MarkedLeaverNotDeleted()
    {
        var (known, _) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var gone = s_export.Pupils[0];
        var later = s_export with { Pupils = [.. s_export.Pupils.Skip(1)] };
        var (after, summary) = ExportMerge.Apply(known, later, s_monday.AddDays(7));
        Assert.Equal(1, summary.LeaversMarked);
        Assert.Equal(new DateOnly(2026, 3, 8), after.Pupils[gone.Id].LeavingDate);
        Assert.True(ExportMerge.Apply(after, later, s_monday.AddDays(7)).Summary.ChangedNothing);
    }

    [Fact]
    public void Apply_OlderExportAfterNewer_DoesNotReplaceMarks()
    {
        var (known, _) = ExportMerge.Apply(KnownSchool.Empty, s_export, s_monday);
        var key = known.Attendance.Keys.First();
        var marks = known.Attendance.ToDictionary();
        marks[key] = new StampedMark(ProgressFunctions.Core.Attendance.AttendanceCode.Illness, s_monday.AddDays(1));
        var corrected = known with { Attendance = KnownMarks.From(marks) };
        var (after, summary) = ExportMerge.Apply(corrected, s_export, s_monday);
        Assert.Equal(0, summary.MarksChanged);
        Assert.Equal("I", after.Attendance[key].Code.Code);
        Assert.Equal(1, ExportMerge.Apply(corrected, s_export, s_monday.AddDays(2)).Summary.MarksChanged);
    }
}
