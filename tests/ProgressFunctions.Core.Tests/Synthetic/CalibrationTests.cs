using System.Globalization;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;
using Xunit.Abstractions;

namespace ProgressFunctions.Core.Tests.Synthetic;

/// <summary>Generated schools against DfE's national figures, recomputed from the rows of the export the generator writes.</summary>
/// <remarks>
/// <para>
/// National figures for the whole of 2024/25, state-funded schools: DfE, "Pupil attendance in schools", week 29 2025,
/// https://explore-education-statistics.service.gov.uk/find-statistics/pupil-attendance-in-schools/2025-week-29 :
/// primary overall absence 5.2%, unauthorised 1.5%, persistent absence 13.5%; secondary 8.6%, 3.3%, 24.3%.
/// Autumn term 2024/25 (part-year plausibility): DfE, "Pupil absence in schools in England: autumn term 2024/25",
/// https://explore-education-statistics.service.gov.uk/find-statistics/pupil-absence-in-schools-in-england/2024-25-autumn-term :
/// overall absence primary 5.07%, secondary 7.66%.
/// </para>
/// <para>
/// Tolerance for one school of 1,400-1,500 pupils over a full year, in percentage points: overall absence 0.6,
/// unauthorised 0.4, persistent absence 2.5 (a school that size varies around the national figure by about a third of
/// that from seed to seed). Part-year figures are held more loosely (1.0), since a single autumn varies more.
/// </para>
/// </remarks>
public class CalibrationTests(ITestOutputHelper output)
{
    private const double AbsenceTolerance = 0.6;
    private const double UnauthorisedTolerance = 0.4;
    private const double PersistentTolerance = 2.5;
    private static readonly DateOnly s_yearEnd = new(2026, 7, 31);
    private static readonly Dictionary<(SchoolPhase, int, int, DateOnly, bool), ExportRows> s_rows = [];

    [Theory]
    [InlineData(SchoolPhase.Primary, 1400, 42, 5.2, 1.5, 13.5)]
    [InlineData(SchoolPhase.Primary, 1400, 2026, 5.2, 1.5, 13.5)]
    [InlineData(SchoolPhase.Secondary, 1500, 42, 8.6, 3.3, 24.3)]
    [InlineData(SchoolPhase.Secondary, 1500, 2026, 8.6, 3.3, 24.3)]
    public void FullYear_GeneratedSchool_WithinToleranceOfNationalFigures(SchoolPhase phase, int pupils, int seed, double absence, double unauthorised, double persistent)
    {
        var figures = AbsenceFigures.Of(Rows(phase, pupils, seed, s_yearEnd).Marks);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase} seed {seed}, 2025/26: {figures}; national {absence}%, {unauthorised}%, PA {persistent}%"));

        Assert.True(Math.Abs(figures.OverallAbsence - absence) <= AbsenceTolerance, $"overall absence: {figures} against {absence}%");
        Assert.True(Math.Abs(figures.Unauthorised - unauthorised) <= UnauthorisedTolerance, $"unauthorised: {figures} against {unauthorised}%");
        Assert.True(Math.Abs(figures.PersistentAbsence - persistent) <= PersistentTolerance, $"persistent absence: {figures} against {persistent}%");
        Assert.Equal(pupils, figures.Pupils);
    }

    [Theory]
    [InlineData(SchoolPhase.Primary, 5.07)]
    [InlineData(SchoolPhase.Secondary, 7.66)]
    public void AutumnTerm_GeneratedSchool_PlausibleAgainstNationalAutumn(SchoolPhase phase, double absence)
    {
        var figures = AbsenceFigures.Of(Rows(phase, 1400, 42, new DateOnly(2025, 12, 19)).Marks);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase}, autumn 2025: {figures}; national autumn 2024/25 {absence}%"));

        Assert.True(Math.Abs(figures.OverallAbsence - absence) <= 1.0, $"autumn: {figures} against {absence}%");
    }

    [Theory]
    [InlineData(SchoolPhase.Primary, 0.3, 2.0)]
    [InlineData(SchoolPhase.Secondary, 1.5, 5.0)]
    public void SevereAbsence_FullYear_ASmallShareAsNationally(SchoolPhase phase, double low, double high)
    {
        var figures = AbsenceFigures.Of(Rows(phase, 1400, 42, s_yearEnd).Marks);

        Assert.InRange(figures.SevereAbsence, low, high);
    }

    [Theory]
    [InlineData(SchoolPhase.Primary)]
    [InlineData(SchoolPhase.Secondary)]
    public void CodeMix_FullYear_IllnessLeadsAndEveryUsualCodeAppears(SchoolPhase phase)
    {
        var codes = Rows(phase, 1400, 42, s_yearEnd).Marks.Where(m => ExportRows.IsAbsence(m.Code)).CountBy(m => m.Code).ToDictionary();

        Assert.Equal("I", codes.MaxBy(c => c.Value).Key);
        Assert.All(["I", "M", "C", "G", "O", "N", "U"], code => Assert.True(codes.GetValueOrDefault(code) > 0, $"no {code} marks"));
        Assert.True(codes["I"] > codes.Values.Sum() / 3, "illness is not the bulk of absence");
    }

    [Fact]
    public void YearGroups_Secondary_OlderPupilsMissMore()
    {
        var rows = Rows(SchoolPhase.Secondary, 1500, 2026, s_yearEnd);

        double Absence(int year) => AbsenceFigures.Of(rows.Marks.Where(m => rows.YearGroups[m.Upn] == year)).OverallAbsence;
        var (year7, year9, year11) = (Absence(7), Absence(9), Absence(11));
        Assert.True(year7 < year9 && year9 < year11, string.Create(CultureInfo.InvariantCulture, $"Year 7 {year7:F2}%, Year 9 {year9:F2}%, Year 11 {year11:F2}%"));
        Assert.True(year11 - year7 >= 1.5, string.Create(CultureInfo.InvariantCulture, $"Year 11 {year11:F2}% against Year 7 {year7:F2}%"));
    }

    [Theory]
    [InlineData(SchoolPhase.Primary)]
    [InlineData(SchoolPhase.Secondary)]
    public void FridayAfternoons_FullYear_WorseThanTheMeanSession(SchoolPhase phase)
    {
        var marks = Rows(phase, 1400, 42, s_yearEnd).Marks;

        var fridayPm = AbsenceFigures.Of(marks.Where(m => m.Date.DayOfWeek == DayOfWeek.Friday && m.Session == "PM")).OverallAbsence;
        Assert.True(fridayPm > AbsenceFigures.Of(marks).OverallAbsence * 1.15, string.Create(CultureInfo.InvariantCulture, $"Friday afternoons {fridayPm:F2}%"));
    }

    [Fact]
    public void LastDaysOfAHalfTerm_FullYear_WorseThanTheMean()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, s_yearEnd) { IncludeProgress = false });
        var rows = Rows(SchoolPhase.Secondary, 1500, 2026, s_yearEnd);
        var calendar = school.Calendar;
        var lastDays = Enumerable.Range(1, calendar.SchoolDayCount - 2)
            .Where(d => calendar.DayAt(d + 1).DayNumber - calendar.DayAt(d).DayNumber > 4)
            .SelectMany(d => new[] { calendar.DayAt(d), calendar.DayAt(d - 1) }).ToHashSet();

        var beforeBreaks = AbsenceFigures.Of(rows.Marks.Where(m => lastDays.Contains(m.Date))).OverallAbsence;
        Assert.True(beforeBreaks > AbsenceFigures.Of(rows.Marks).OverallAbsence * 1.1, string.Create(CultureInfo.InvariantCulture, $"last two days before breaks {beforeBreaks:F2}%"));
    }

    [Fact]
    public void Holidays_FullYear_NoneInTheFirstWeeksAndOnlyAFewFamilies()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Primary, 1400, 42, s_yearEnd) { IncludeProgress = false });
        var marks = Rows(SchoolPhase.Primary, 1400, 42, s_yearEnd).Marks;

        var firstDays = school.Calendar.SchoolDays.Take(10).ToHashSet();
        Assert.DoesNotContain(marks, m => m.Code == "G" && firstDays.Contains(m.Date));
        var families = marks.Where(m => m.Code == "G").Select(m => m.Upn).Distinct().Count();
        Assert.InRange(100.0 * families / 1400, 5, 25);
    }

    [Theory]
    [InlineData("2025-10-10")]
    [InlineData("2026-03-20")]
    [InlineData("2026-07-10")]
    public void UnexplainedMarks_AnyExportDay_OnlyInTheLastFiveSchoolDays(string day)
    {
        var asOf = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 600, 7, asOf) { IncludeProgress = false });
        var marks = ExportRows.Of(school).Marks;

        var lastFive = school.Calendar.SchoolDays.Where(d => d <= asOf).TakeLast(5).ToHashSet();
        Assert.Contains(marks, m => m.Code == "N");
        Assert.All(marks.Where(m => m.Code == "N"), m => Assert.Contains(m.Date, lastFive));
    }

    [Fact]
    public void LateMarks_FullYear_CarryTheirMinutes()
    {
        var marks = Rows(SchoolPhase.Secondary, 1500, 42, s_yearEnd).Marks;

        Assert.All(marks.Where(m => m.Code == "L"), m => Assert.InRange(m.MinutesLate ?? -1, 2, 25));
        Assert.All(marks.Where(m => m.Code == "U"), m => Assert.InRange(m.MinutesLate ?? -1, 31, 75));
        Assert.All(marks.Where(m => m.Code is not ("L" or "U")), m => Assert.Null(m.MinutesLate));
        var mornings = marks.Count(m => m.Session == "AM" && ExportRows.IsPossible(m.Code));
        Assert.InRange(100.0 * marks.Count(m => m.Code is "L" or "U") / mornings, 0.5, 5);
    }

    /// <summary>
    /// KS2 2025 national results: DfE, "Key stage 2 attainment: national headlines" 2024/25,
    /// https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-2-attainment-national-headlines/2024-25 :
    /// expected standard reading 75%, maths 74%, writing (teacher assessment) 72%, all three 62%; high score reading
    /// about 33%, maths about 26%. Held to 5 percentage points for a cohort of 300.
    /// </summary>
    [Fact]
    public void Ks2_Year6OnResultsDay_DistributedLikeTheNationalResults()
    {
        var rows = Rows(SchoolPhase.Primary, 2100, 2026, new DateOnly(2026, 7, 7), progress: true);
        var year6 = rows.YearGroups.Where(p => p.Value == 6).Select(p => p.Key).ToList();
        var ks2 = rows.Results.Where(r => r.Point == "KS2 2026").ToLookup(r => r.Upn);

        int? Score(string upn, string subject) =>
            ks2[upn].SingleOrDefault(r => r.Subject == subject && r.Scale == "KS2") is { } row ? int.Parse(row.Grade, CultureInfo.InvariantCulture) : null;
        bool Writing(string upn) => ks2[upn].SingleOrDefault(r => r.Subject == "Writing" && r.Scale == "KS2 TA")?.Grade is "EXS" or "GDS";
        double Share(Func<string, bool> met) => 100.0 * year6.Count(met) / year6.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reading {Share(p => Score(p, "English reading") >= 100):F1}%, maths {Share(p => Score(p, "Maths") >= 100):F1}%, writing {Share(Writing):F1}%, RWM {Share(p => Score(p, "English reading") >= 100 && Score(p, "Maths") >= 100 && Writing(p)):F1}%, high reading {Share(p => Score(p, "English reading") >= 110):F1}%, high maths {Share(p => Score(p, "Maths") >= 110):F1}%"));
        Assert.Equal(300, year6.Count);
        Assert.InRange(Share(p => Score(p, "English reading") >= 100), 70, 80);
        Assert.InRange(Share(p => Score(p, "Maths") >= 100), 69, 79);
        Assert.InRange(Share(Writing), 67, 77);
        Assert.InRange(Share(p => Score(p, "English reading") >= 100 && Score(p, "Maths") >= 100 && Writing(p)), 57, 67);
        Assert.InRange(Share(p => Score(p, "English reading") >= 110), 28, 38);
        Assert.InRange(Share(p => Score(p, "Maths") >= 110), 21, 31);
        Assert.All(ks2.SelectMany(g => g).Where(r => r.Scale == "KS2"), r => Assert.InRange(int.Parse(r.Grade, CultureInfo.InvariantCulture), 80, 120));
    }

    [Fact]
    public void Ks2_ExportBeforeResultsDay_HasNoScoresYet()
    {
        var rows = Rows(SchoolPhase.Primary, 700, 2026, new DateOnly(2026, 7, 6), progress: true);

        Assert.DoesNotContain(rows.Results, r => r.Point.StartsWith("KS2", StringComparison.Ordinal));
    }

    /// <summary>The export rows of a school, read once per school and shared by the tests.</summary>
    private static ExportRows Rows(SchoolPhase phase, int pupils, int seed, DateOnly asOf, bool progress = false)
    {
        lock (s_rows)
        {
            var key = (phase, pupils, seed, asOf, progress);
            if (!s_rows.TryGetValue(key, out var rows))
            {
                s_rows[key] = rows = ExportRows.Of(SchoolGenerator.Generate(new GeneratorOptions(phase, pupils, seed, asOf) { IncludeProgress = progress }));
            }

            return rows;
        }
    }
}
