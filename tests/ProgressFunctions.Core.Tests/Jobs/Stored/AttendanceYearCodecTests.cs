using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Jobs.Stored;

public sealed class AttendanceYearCodecTests
{
    private static readonly DateTimeOffset s_first = new(2025, 11, 26, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_second = new(2025, 11, 28, 16, 0, 0, TimeSpan.Zero);

    // Days exactly as the split-and-parse codec wrote them: the stored text must not change.
    private static readonly AttendanceYear s_stored = new("p1", 2025, [s_first, s_second], ["2025-11-26 / \\ 0 0", "2025-11-27 L - 1 0", "2025-11-28 - O 0 1"])
    {
        MinutesLate = ["2025-11-27 AM 12"],
    };

    // The stored year's marks, out of order.
    private static readonly (DateOnly, SessionOfDay, StampedMark)[] s_marks =
    [
        (D("2025-11-28"), SessionOfDay.Pm, new StampedMark(AttendanceCode.Parse("O"), s_second)),
        (D("2025-11-26"), SessionOfDay.Pm, new StampedMark(AttendanceCode.Parse("\\"), s_first)),
        (D("2025-11-27"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("L"), s_second, 12)),
        (D("2025-11-26"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("/"), s_first)),
    ];

    [Fact]
    public void Encode_MarksInAnyOrder_WritesTheStoredTextOfEarlierVersions()
    {
        var year = Assert.Single(AttendanceYearCodec.Encode("p1", s_marks));

        Assert.Equal(s_stored.Stamps, year.Stamps);
        Assert.Equal(s_stored.Days, year.Days);
        Assert.Equal(s_stored.MinutesLate, year.MinutesLate);
    }

    [Fact]
    public void Encode_TableInAnyOrder_SameDocumentsAsFromTheMarks()
    {
        var inOrder = s_marks.OrderBy(m => m.Item1).ThenBy(m => m.Item2).ToDictionary(m => (m.Item1, m.Item2), m => m.Item3);
        var outOfOrder = s_marks.ToDictionary(m => (m.Item1, m.Item2), m => m.Item3);

        foreach (var table in new[] { inOrder, outOfOrder })
        {
            var year = Assert.Single(AttendanceYearCodec.Encode("p1", table));
            Assert.Equal(s_stored.Stamps, year.Stamps);
            Assert.Equal(s_stored.Days, year.Days);
            Assert.Equal(s_stored.MinutesLate, year.MinutesLate);
        }
    }

    /// <summary>Marks of 26 November given as "session code" in order of giving, and the day the codec writes.</summary>
    /// <remarks>In order the sort is skipped, out of order it runs: either way the first mark given for a session counts.</remarks>
    [Theory]
    [InlineData("Am /,Am O,Pm O", "2025-11-26 / O 0 0")]
    [InlineData("Pm O,Am I,Am /", "2025-11-26 I O 0 0")]
    public void Encode_TwoMarksForOneSession_TheFirstGivenCounts(string given, string day)
    {
        var marks = given.Split(',').Select(m => m.Split(' ')).Select(m =>
            (D("2025-11-26"), Enum.Parse<SessionOfDay>(m[0]), new StampedMark(AttendanceCode.Parse(m[1]), s_first)));

        Assert.Equal([day], Assert.Single(AttendanceYearCodec.Encode("p1", marks)).Days);
    }

    [Fact]
    public void Encode_MarksOverTwoAcademicYears_OneDocumentEach()
    {
        var marks = new[]
        {
            (D("2025-09-01"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("/"), s_first)),
            (D("2025-07-18"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("/"), s_first)),
        };

        var years = AttendanceYearCodec.Encode("p1", marks).ToList();

        Assert.Equal([2024, 2025], years.Select(y => y.Year));
        Assert.Equal(["2025-07-18 / - 0 0"], years[0].Days);
        Assert.Equal(["2025-09-01 / - 0 0"], years[1].Days);
    }

    [Fact]
    public void Encode_ExportedMarks_SameDocumentsAsFromTheMarksListed()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 60, 11, new DateOnly(2026, 3, 20)));
        var registers = BundleReader.Read(new MemoryBundleSource(Tests.Imports.TestFiles.Write(school))).Attendance!;
        var texts = new DayTexts();

        foreach (var pupilId in registers.ByPupil.Keys)
        {
            var exported = new ExportedMarks(registers, pupilId, s_second);
            var fromRegister = AttendanceYearCodec.Encode(pupilId, exported, texts).ToList();
            var fromList = AttendanceYearCodec.Encode(pupilId, exported.Select(m => (m.Key.Date, m.Key.Session, m.Value))).ToList();

            Assert.Equal(fromList.Select(y => (y.PupilId, y.Year)), fromRegister.Select(y => (y.PupilId, y.Year)));
            Assert.All(fromList.Zip(fromRegister), pair =>
            {
                Assert.Equal(pair.First.Stamps, pair.Second.Stamps);
                Assert.Equal(pair.First.Days, pair.Second.Days);
                Assert.Equal(pair.First.MinutesLate, pair.Second.MinutesLate);
            });
        }

        // The synthetic school has late marks with minutes: the comparison covered them.
        Assert.Contains(registers.ByPupil.Keys, id => AttendanceYearCodec.Encode(id, new ExportedMarks(registers, id, s_second), texts).Any(y => y.MinutesLate is { Count: > 0 }));
    }

    [Fact]
    public void Encode_SameDayForTwoPupils_OneStringWhenTextsAreShared()
    {
        var texts = new DayTexts();
        var marks = s_marks.ToDictionary(m => (m.Item1, m.Item2), m => m.Item3);

        var first = Assert.Single(AttendanceYearCodec.Encode("p1", marks, texts));
        var second = Assert.Single(AttendanceYearCodec.Encode("p2", marks, texts));

        Assert.Equal(s_stored.Days, second.Days);
        Assert.All(first.Days.Zip(second.Days), pair => Assert.Same(pair.First, pair.Second));
    }

    /// <summary>Stamp numbers too large for the cache's key are written as they are.</summary>
    [Theory]
    [InlineData(4095, "2025-11-26 / \\ 4095 0")]
    [InlineData(4096, "2025-11-26 / \\ 4096 0")]
    [InlineData(70000, "2025-11-26 / \\ 70000 0")]
    public void Of_AnyStampNumber_WritesTheDay(int amStamp, string day)
    {
        var texts = new DayTexts();

        var text = texts.Of(D("2025-11-26"), AttendanceCode.Parse("/"), AttendanceCode.Parse("\\"), amStamp, 0);

        Assert.Equal(day, text);
        Assert.Equal(day, texts.Of(D("2025-11-26"), AttendanceCode.Parse("/"), AttendanceCode.Parse("\\"), amStamp, 0));
    }

    [Fact]
    public void Decode_StoredDocument_GivesEveryMarkWithItsStampAndMinutes()
    {
        var marks = AttendanceYearCodec.Decode(s_stored).ToList();

        Assert.Equal(
            [
                (D("2025-11-26"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("/"), s_first)),
                (D("2025-11-26"), SessionOfDay.Pm, new StampedMark(AttendanceCode.Parse("\\"), s_first)),
                (D("2025-11-27"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("L"), s_second, 12)),
                (D("2025-11-28"), SessionOfDay.Pm, new StampedMark(AttendanceCode.Parse("O"), s_second)),
            ],
            marks);
    }

    [Fact]
    public void Fill_StoredDocument_SetsTheSameMarksAsDecode()
    {
        var register = new PupilRegister("p1", Year2025);

        var skipped = AttendanceYearCodec.Fill(register, [s_stored]);

        Assert.Equal(0, skipped);
        Assert.Equal(AttendanceYearCodec.Decode(s_stored).Select(m => (m.Date, m.Session, m.Mark.Code)), register.Marks().Select(m => (m.Date, m.Session, m.Code)));
        Assert.Equal(12, register.MinutesLate(D("2025-11-27"), SessionOfDay.Am));
    }

    [Theory]
    [InlineData("2025-11-26 / \\ 0", "cannot read day '2025-11-26 / \\ 0'")]
    [InlineData("2025-11-26 / \\ 0 0 0", "cannot read day")]
    [InlineData("2025-13-26 / \\ 0 0", "cannot read day")]
    [InlineData("2025-02-30 / \\ 0 0", "cannot read day")]
    [InlineData("2025/11/26 / \\ 0 0", "cannot read day")]
    [InlineData("2025-11-26 / \\ 2 0", "cannot read day")]
    [InlineData("2025-11-26 / \\ -1 0", "cannot read day")]
    [InlineData("2025-11-26 ZZ \\ 0 0", "'ZZ' on 2025-11-26 is not a code")]
    public void Fill_DamagedDay_FormatExceptionNamesPupilYearAndDay(string day, string reason)
    {
        var damaged = new AttendanceYear("p1", 2025, [s_first], [day]);

        var error = Assert.Throws<FormatException>(() => AttendanceYearCodec.Fill(new PupilRegister("p1", Year2025), [damaged]));

        Assert.StartsWith("attendance document p1.2025: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AttendanceYearCodec.Decode(damaged).ToList());
    }

    [Theory]
    [InlineData("2025-11-27 AM")]
    [InlineData("2025-11-27 AM 12 3")]
    [InlineData("2025-11-27  12")]
    [InlineData("2025-11-27 AM  12")]
    [InlineData("2025-11-27 XM 12")]
    [InlineData("2025-11-31 AM 12")]
    [InlineData("27/11/2025 AM 12")]
    [InlineData("2025-11-27 AM -12")]
    [InlineData("2025-11-27 AM twelve")]
    public void Fill_DamagedMinutesLate_FormatExceptionQuotesTheEntry(string entry)
    {
        var damaged = s_stored with { MinutesLate = [entry] };

        var error = Assert.Throws<FormatException>(() => AttendanceYearCodec.Fill(new PupilRegister("p1", Year2025), [damaged]));

        Assert.Equal($"attendance document p1.2025: cannot read minutes late '{entry}'", error.Message);
    }

    [Theory]
    [InlineData("2025-11-27 AM 12", 12)]
    [InlineData("2025-11-27 am 7", 7)]
    public void Fill_MinutesLate_ReadForTheirSession(string entry, int minutes)
    {
        var register = new PupilRegister("p1", Year2025);

        AttendanceYearCodec.Fill(register, [s_stored with { MinutesLate = [entry] }]);

        Assert.Equal(minutes, register.MinutesLate(D("2025-11-27"), SessionOfDay.Am));
    }
}
