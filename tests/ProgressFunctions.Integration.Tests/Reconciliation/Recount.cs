using System.Globalization;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>Session counts for a pupil or group, counted straight from export rows.</summary>
internal sealed record Sessions(int Present, int Approved, int Authorised, int Unauthorised, int Late, int MinutesLate)
{
    public static Sessions None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Possible => Present + Approved + Authorised + Unauthorised;
    public int Attended => Present + Approved;
    public int Absent => Authorised + Unauthorised;
    public bool Persistent => Possible > 0 && Absent * 10 >= Possible;
    public bool Severe => Possible > 0 && Absent * 2 >= Possible;

    public static Sessions operator +(Sessions a, Sessions b) =>
        new(a.Present + b.Present, a.Approved + b.Approved, a.Authorised + b.Authorised, a.Unauthorised + b.Unauthorised, a.Late + b.Late, a.MinutesLate + b.MinutesLate);
}

/// <summary>
/// The reconciliation's own arithmetic, written for the purpose from the DfE rules (codes and categories from the
/// School Attendance (Pupil Registration) (England) Regulations 2024; rates as the DfE "Pupil absence" methodology
/// publishes them: sessions summed, then divided, rounded half-up to 1 dp). It calls nothing in Core.
/// </summary>
internal static class Recount
{
    private static readonly HashSet<string> s_present = ["/", "\\", "L"];
    private static readonly HashSet<string> s_approved = ["K", "V", "P", "W", "B", "J"];
    private static readonly HashSet<string> s_authorised = ["C", "C1", "C2", "M", "J1", "S", "T", "R", "I", "E", "H", "F"];
    private static readonly HashSet<string> s_unauthorised = ["G", "N", "O", "U"];

    public static Sessions Count(IEnumerable<MarkRow> marks, DateOnly from, DateOnly to)
    {
        int present = 0, approved = 0, authorised = 0, unauthorised = 0, late = 0, minutes = 0;
        foreach (var m in marks.Where(m => m.Date >= from && m.Date <= to))
        {
            var code = m.Code.ToUpperInvariant();
            present += s_present.Contains(code) ? 1 : 0;
            approved += s_approved.Contains(code) ? 1 : 0;
            authorised += s_authorised.Contains(code) ? 1 : 0;
            unauthorised += s_unauthorised.Contains(code) ? 1 : 0;
            if (code is "L" or "U")
            {
                late++;
                minutes += m.MinutesLate ?? 0;
            }
        }

        return new Sessions(present, approved, authorised, unauthorised, late, minutes);
    }

    /// <summary>The day a child reaches compulsory school age: 31 March, 31 August or 31 December, the first on or after the fifth birthday (Education Act 1996 s8).</summary>
    public static DateOnly CompulsoryFrom(DateOnly born)
    {
        var fifth = born.AddYears(5);
        var (march, august, december) = (new DateOnly(fifth.Year, 3, 31), new DateOnly(fifth.Year, 8, 31), new DateOnly(fifth.Year, 12, 31));
        return fifth <= march ? march : fifth <= august ? august : december;
    }

    /// <summary>Where a pupil's penalty-notice window starts: its first Monday, or later the day they reached compulsory school age.</summary>
    public static DateOnly PenaltyWindowFrom(PupilRow pupil, DateOnly monday) =>
        pupil.Born is { } born && CompulsoryFrom(born) > monday ? CompulsoryFrom(born) : monday;

    /// <summary>1 August of the academic year that holds <paramref name="date"/>.</summary>
    public static DateOnly YearStart(DateOnly date) => new(date.Month >= 8 ? date.Year : date.Year - 1, 8, 1);

    public static string Percent(long part, long whole) =>
        whole == 0 ? "-" : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string AttendancePercent(Sessions s) => Percent(s.Attended, s.Possible);

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Band index 0-4: 97%+, 95-97%, above 90 to 95%, above 50 to 90%, 50% and below; compared on whole sessions.</summary>
    public static int Band(Sessions s) =>
        s.Attended * 100L >= 97L * s.Possible ? 0
        : s.Attended * 100L >= 95L * s.Possible ? 1
        : s.Attended * 100L > 90L * s.Possible ? 2
        : s.Attended * 100L > 50L * s.Possible ? 3
        : 4;

    /// <summary>A group's attendance: its pupils' sessions summed, PA and severe pupils among those with possible sessions.</summary>
    public static (int Pupils, Sessions Total, int Persistent, int Severe) Group(IEnumerable<Sessions> pupils)
    {
        var counted = pupils.Where(p => p.Possible > 0).ToList();
        return (counted.Count, counted.Aggregate(Sessions.None, (a, b) => a + b), counted.Count(p => p.Persistent), counted.Count(p => p.Severe));
    }

    /// <summary>The grades of a scale, lowest first: GCSE, primary teacher assessment, KS2 test scaled scores (80 to 120) or one of the school's own in school.json.</summary>
    public static IReadOnlyList<string> Grades(ExportRows export, string scale) => scale.ToUpperInvariant() switch
    {
        "GCSE" => ["U", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        "KS2 TA" => ["PK1", "PK2", "PK3", "PK4", "PK5", "PK6", "WTS", "EXS", "GDS"],
        "KS2" => [.. Enumerable.Range(80, 41).Select(s => s.ToString(CultureInfo.InvariantCulture))],
        _ => export.CustomScales.GetValueOrDefault(scale) ?? [],
    };

    /// <summary>The value of a grade on its scale: its position, since every scale here steps by one point per grade.</summary>
    public static decimal? Value(ExportRows export, string scale, string grade)
    {
        var index = Grades(export, scale).ToList().FindIndex(g => string.Equals(g, grade.Trim(), StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index;
    }

    /// <summary>The grade as its scale writes it ("emerging+" is "Emerging+"); null when the scale has no such grade.</summary>
    public static string? Label(ExportRows export, string scale, string grade) => Value(export, scale, grade) is { } v ? Grades(export, scale)[(int)v] : null;

    /// <summary>The grade a fractional value shows as: rounded half-up to a whole step, within the scale.</summary>
    public static string Nearest(ExportRows export, string scale, decimal value) =>
        Grades(export, scale)[(int)Math.Clamp(Math.Round(value, 0, MidpointRounding.AwayFromZero), 0, Grades(export, scale).Count - 1)];

    /// <summary>The progress band of one target at a date, from its latest result on the same scale; null with no result.</summary>
    /// <remarks>
    /// The expectation is a straight line in calendar days from the baseline on the course start to the target on the
    /// course end, read at the result's own date; bands by d = result - expected: above d >= 0.5, on track -0.5 &lt; d &lt; 0.5,
    /// below -1.5 &lt; d &lt;= -0.5, well below d &lt;= -1.5 (DESIGN.md section 5).
    /// </remarks>
    public static string? Band(ExportRows export, TargetRow target, IEnumerable<ResultRow> results, DateOnly asOf)
    {
        var latest = results.Where(r => r.Upn == target.Upn && string.Equals(r.Subject.Trim(), target.Subject.Trim(), StringComparison.OrdinalIgnoreCase)
                && r.Date <= asOf && string.Equals(r.Scale, target.Scale, StringComparison.OrdinalIgnoreCase) && Value(export, r.Scale, r.Grade) is not null)
            .OrderBy(r => r.Date).ThenBy(r => r.Point, StringComparer.Ordinal).LastOrDefault();
        if (latest is null)
        {
            return null;
        }

        var baseline = Value(export, target.Scale, target.Baseline)!.Value;
        var goal = Value(export, target.Scale, target.Grade)!.Value;
        decimal expected = latest.Date <= target.Start ? baseline
            : latest.Date >= target.End ? goal
            : baseline + ((goal - baseline) * (latest.Date.DayNumber - target.Start.DayNumber) / (target.End.DayNumber - target.Start.DayNumber));
        var d = Value(export, latest.Scale, latest.Grade)!.Value - expected;
        return d >= 0.5m ? "Above" : d > -0.5m ? "On track" : d > -1.5m ? "Below" : "Well below";
    }
}
