using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class ExportedMarksTests
{
    private static readonly DateTimeOffset s_exportedAt = new(2025, 11, 28, 16, 0, 0, TimeSpan.Zero);

    /// <summary>Three marks given out of order, one late with minutes, on a school's registers for P1 (and none for P2).</summary>
    private static AttendanceRegisters Export()
    {
        var export = new AttendanceRegisters(Year2025);
        var register = export.RegisterFor("P1");
        register.TrySet(D("2025-11-27"), SessionOfDay.Pm, AttendanceCode.Parse("\\"));
        register.TrySet(D("2025-11-26"), SessionOfDay.Am, AttendanceCode.Parse("/"));
        register.TrySet(D("2025-11-27"), SessionOfDay.Am, AttendanceCode.Parse("L"));
        export.SetMinutesLate("P1", (Year2025.DaysBefore(D("2025-11-27")) * 2) + (int)SessionOfDay.Am, 12);
        export.RegisterFor("P2");
        return export;
    }

    [Fact]
    public void GetEnumerator_ExportedMarks_InSessionOrderStampedWithTheExportTime()
    {
        var marks = new ExportedMarks(Export(), "P1", s_exportedAt);

        Assert.Equal(
            [
                KeyValuePair.Create((D("2025-11-26"), SessionOfDay.Am), new StampedMark(AttendanceCode.Parse("/"), s_exportedAt)),
                KeyValuePair.Create((D("2025-11-27"), SessionOfDay.Am), new StampedMark(AttendanceCode.Parse("L"), s_exportedAt, 12)),
                KeyValuePair.Create((D("2025-11-27"), SessionOfDay.Pm), new StampedMark(AttendanceCode.Parse("\\"), s_exportedAt)),
            ],
            marks);
        Assert.Equal(3, marks.Count);
    }

    [Theory]
    [InlineData("2025-11-27", SessionOfDay.Am, true, "L")]
    [InlineData("2025-11-26", SessionOfDay.Am, true, "/")]
    [InlineData("2025-11-26", SessionOfDay.Pm, false, null)] // a school day with no mark that session
    [InlineData("2025-11-29", SessionOfDay.Am, false, null)] // a Saturday
    [InlineData("2026-11-26", SessionOfDay.Am, false, null)] // outside the calendar
    [InlineData("2025-11-26", (SessionOfDay)2, false, null)] // no such session
    public void TryGetValue_Key_FoundOnlyWhereTheExportMarked(string date, SessionOfDay session, bool found, string? code)
    {
        var marks = new ExportedMarks(Export(), "P1", s_exportedAt);

        Assert.Equal(found, marks.TryGetValue((D(date), session), out var mark));
        Assert.Equal(found, marks.ContainsKey((D(date), session)));
        Assert.Equal(code, found ? mark.Code.Code : null);
    }

    [Fact]
    public void Indexer_NoMark_ThrowsNamingPupilAndSession()
    {
        var marks = new ExportedMarks(Export(), "P1", s_exportedAt);

        var error = Assert.Throws<KeyNotFoundException>(() => marks[(D("2025-11-26"), SessionOfDay.Pm)]);

        Assert.Contains("P1 on 2025-11-26 Pm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_PupilWithAnEmptyRegister_Zero()
    {
        var marks = new ExportedMarks(Export(), "P2", s_exportedAt);

        // Its count, and what it lists when enumerated.
        Assert.Equal((0, false), (marks.Count, marks.Any()));
    }
}
