namespace ProgressFunctions.Synthetic;

/// <summary>KS2 outcomes distributed like the national results of 2025, from a pupil's standing in each subject.</summary>
/// <remarks>
/// <para>
/// DfE, Key stage 2 attainment: national headlines 2024/25
/// (https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-2-attainment-national-headlines/2024-25):
/// expected standard (scaled score 100+) reading 75%, maths 74%, grammar, punctuation and spelling 73%; writing teacher
/// assessment EXS or GDS 72%; reading, writing and maths combined 62%. High score (110+): about 33% reading, 26% maths,
/// 30% GPS; greater depth in writing about 13%.
/// </para>
/// <para>
/// A pupil's standing in a subject is z = <see cref="Loading"/> x ability + the rest of a standard normal, so z is
/// standard normal and the subjects correlate as they do nationally (the loading is what brings "all three" down to
/// 62% from the single subjects' 72-75%). A score is z mapped piecewise-linearly through the national quantiles: the
/// share below the expected standard to 100, the share below the high score to 110, clamped to 80-120. Pupils far
/// below the test standard (about 2% per test) have no scaled score, as nationally; they count as not meeting it.
/// </para>
/// </remarks>
internal static class Ks2Model
{
    public const double Loading = 0.92;

    /// <summary>z below which a pupil is working below the test and has no scaled score.</summary>
    public const double BelowTheTest = -2.05;

    // z at the expected standard and at the high score: the standard normal quantiles of the national shares below them.
    private static readonly (double Expected, double High) s_reading = (-0.674, 0.440);
    private static readonly (double Expected, double High) s_maths = (-0.643, 0.643);
    private static readonly (double Expected, double High) s_gps = (-0.613, 0.524);

    public static double Standing(double ability, double own) => (Loading * ability) + (Math.Sqrt(1 - (Loading * Loading)) * own);

    public static int? Reading(double z) => Score(z, s_reading);

    public static int? Maths(double z) => Score(z, s_maths);

    public static int? Gps(double z) => Score(z, s_gps);

    /// <summary>A teacher-assessment grade: 72% EXS or above, 13% GDS, the lowest 2% pre-key stage (PK6).</summary>
    public static string TeacherAssessment(double z) => z switch
    {
        < BelowTheTest => "PK6",
        < -0.583 => "WTS",
        < 1.126 => "EXS",
        _ => "GDS",
    };

    /// <summary>KS2 results reach schools on the first Tuesday on or after 5 July (8 July 2025, 7 July 2026).</summary>
    public static DateOnly ResultsDay(int calendarYear)
    {
        var day = new DateOnly(calendarYear, 7, 5);
        return day.AddDays(((int)DayOfWeek.Tuesday - (int)day.DayOfWeek + 7) % 7);
    }

    private static int? Score(double z, (double Expected, double High) at)
    {
        if (z < BelowTheTest)
        {
            return null;
        }

        var perPoint = (at.High - at.Expected) / 10;
        return Math.Clamp((int)Math.Floor(100 + ((z - at.Expected) / perPoint)), 80, 120);
    }
}
