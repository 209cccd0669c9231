using System.Text.Json;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Attendance;

public sealed class MinutesLateTests
{
    private static readonly DateTimeOffset s_exported = new(2025, 11, 28, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TrySet_LateMarkWithMinutes_KeptAndSummed()
    {
        var register = new PupilRegister("p1", Year2025);
        register.TrySet(D("2025-11-27"), SessionOfDay.Am, AttendanceCode.Parse("L"), 12);
        register.TrySet(D("2025-11-28"), SessionOfDay.Am, AttendanceCode.Parse("U"), 35);
        register.TrySet(D("2025-11-28"), SessionOfDay.Pm, AttendanceCode.Parse("/"), 9);   // not late: minutes ignored

        Assert.Equal(12, register.MinutesLate(D("2025-11-27"), SessionOfDay.Am));
        Assert.Null(register.MinutesLate(D("2025-11-28"), SessionOfDay.Pm));
        Assert.Equal(47, register.MinutesLate(new DateRange(D("2025-11-01"), D("2025-11-28"))));
        Assert.Equal(35, register.MinutesLate(new DateRange(D("2025-11-28"), D("2025-11-28"))));
    }

    [Fact]
    public void TrySet_LateMarkCorrectedToPresent_MinutesGo()
    {
        var register = new PupilRegister("p1", Year2025);
        register.TrySet(D("2025-11-27"), SessionOfDay.Am, AttendanceCode.Parse("L"), 12);
        register.TrySet(D("2025-11-27"), SessionOfDay.Am, AttendanceCode.Parse("/"), null);

        Assert.Equal(0, register.MinutesLate(new DateRange(D("2025-11-01"), D("2025-11-28"))));
    }

    [Fact]
    public void Codec_MinutesLate_RoundTripThroughTheStoredDocument()
    {
        var marks = new[]
        {
            (D("2025-11-27"), SessionOfDay.Am, new StampedMark(AttendanceCode.Parse("L"), s_exported, 12)),
            (D("2025-11-27"), SessionOfDay.Pm, new StampedMark(AttendanceCode.Parse("\\"), s_exported)),
        };

        var year = Assert.Single(AttendanceYearCodec.Encode("p1", marks));
        var register = new PupilRegister("p1", Year2025);
        AttendanceYearCodec.Fill(register, [year]);

        Assert.Equal(["2025-11-27 AM 12"], year.MinutesLate);
        Assert.Equal(marks, AttendanceYearCodec.Decode(year));
        Assert.Equal(12, register.MinutesLate(D("2025-11-27"), SessionOfDay.Am));
    }

    [Fact]
    public void Codec_DocumentWrittenBeforeMinutesWereKept_StillLoads()
    {
        // The stored shape before minutes late existed: no "minutesLate" property at all.
        const string Stored = """{"pupilId":"p1","year":2025,"stamps":["2025-11-28T16:00:00+00:00"],"days":["2025-11-27 L / 0 0"]}""";
        var year = JsonSerializer.Deserialize<AttendanceYear>(Stored, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        var decoded = AttendanceYearCodec.Decode(year).ToList();

        Assert.Equal(2, decoded.Count);
        Assert.All(decoded, m => Assert.Null(m.Mark.MinutesLate));
    }

    [Fact]
    public void ExportMerge_MinutesCorrectedByANewerExport_Replaced()
    {
        var calendar = Year2025;
        SchoolExport Export(int minutes)
        {
            var registers = new AttendanceRegisters(calendar);
            var sink = new AttendanceSink(registers);
            var csv = $"UPN,Date,Session,Mark,Minutes Late\n{Upn.Create(201, 1000, 2015, 1)},2025-11-27,AM,L,{minutes}\n";
            Core.Imports.Csv.AttendanceCsv.Read(new StringReader(csv), sink, null, []);
            return new SchoolExport { Attendance = registers };
        }

        var (first, _) = ExportMerge.Apply(KnownSchool.Empty, Export(12), s_exported);
        var (second, summary) = ExportMerge.Apply(first, Export(20), s_exported.AddDays(1));

        Assert.Equal(12, Assert.Single(first.Attendance).Value.MinutesLate);
        Assert.Equal((20, 1), (Assert.Single(second.Attendance).Value.MinutesLate, summary.MarksChanged));
    }
}
