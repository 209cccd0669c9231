namespace ProgressFunctions.Core.Attendance;

/// <summary>Attendance bands school leaders use.</summary>
/// <remarks>
/// On the exact attendance rate: <see cref="Excellent"/> 97% and above; <see cref="Expected"/> 95% (inclusive) to
/// 97% (exclusive); <see cref="AtRisk"/> above 90% to below 95%; <see cref="Persistent"/> above 50% up to and
/// including 90%; <see cref="Severe"/> 50% and below. The 90% and 50% edges fall in the lower band so that the bands
/// agree exactly with the DfE tests: absence of 10% or more (attendance of 90% or less) is persistent absence, and
/// absence of 50% or more is severe absence.
/// </remarks>
public enum AttendanceBand
{
    Excellent,
    Expected,
    AtRisk,
    Persistent,
    Severe,
}

public static class AttendanceBands
{
    public static IReadOnlyList<AttendanceBand> All { get; } = Enum.GetValues<AttendanceBand>();

    public static AttendanceBand? Of(int attended, int possible)
    {
        if (possible <= 0)
        {
            return null;
        }

        // attended / possible >= p / 100  <=>  attended * 100 >= p * possible: exact, no rounding.
        long scaled = attended * 100L;
        return scaled >= 97L * possible ? AttendanceBand.Excellent
            : scaled >= 95L * possible ? AttendanceBand.Expected
            : scaled > 90L * possible ? AttendanceBand.AtRisk
            : scaled > 50L * possible ? AttendanceBand.Persistent
            : AttendanceBand.Severe;
    }

    public static string Label(this AttendanceBand band) => band switch
    {
        AttendanceBand.Excellent => "97% and above",
        // Each edge in one band only, as Of places it: a reader with 95.0% or 90.0% finds one row that holds it.
        AttendanceBand.Expected => "95% to under 97%",
        AttendanceBand.AtRisk => "over 90% to under 95%",
        AttendanceBand.Persistent => "over 50% to 90% (persistent absence)",
        _ => "50% and below (severe absence)",
    };
}
