using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressFunctions.Core.Alerts;

/// <summary>The school's alert settings; every value has a default, and <c>school.json</c> may override any of them.</summary>
/// <remarks>
/// <see cref="AttendanceThresholds"/> are year-to-date attendance percentages: crossing below each raises an alert
/// (the defaults are 95, 92 and the DfE lines: persistent absence at 90% or below, severe at 50% or below).
/// Threshold alerts wait until a pupil has <see cref="MinimumPossibleSessions"/> possible sessions this year, so one
/// absent day in the first week is not "persistent absence". <see cref="CoolDownDays"/> (calendar days) stops the
/// same condition being alerted again unless it worsens. <see cref="LatenessSessions"/> late marks within the last
/// four school weeks count as a lateness concern.
/// </remarks>
public sealed record AlertRules
{
    public static AlertRules Default { get; } = new();

    public IReadOnlyList<decimal> AttendanceThresholds { get; init; } = [95m, 92m];
    public int MinimumPossibleSessions { get; init; } = 20;
    public int RunwaySessions { get; init; } = 10;
    public int ContinuousAbsenceDays { get; init; } = 10;
    public int LatenessSessions { get; init; } = 5;
    public int CoolDownDays { get; init; } = 14;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the <c>"alerts"</c> object of <c>school.json</c>; missing keys keep their defaults.</summary>
    /// <returns>The rules, or an error naming what is wrong.</returns>
    public static (AlertRules? Rules, string? Error) FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (Default, null);
        }

        try
        {
            var rules = JsonSerializer.Deserialize<AlertRules>(json, s_json) ?? Default;
            return rules.AttendanceThresholds.Any(t => t is <= 0 or > 100)
                ? (null, "alerts.attendanceThresholds must be percentages between 0 and 100")
                : (rules, null);
        }
        catch (JsonException e)
        {
            return (null, $"alerts: {e.Message}");
        }
    }
}
