namespace ProgressFunctions.Core.Attendance;

/// <summary>Session counts by statistical category, and the DfE rates derived from them.</summary>
/// <remarks>
/// Possible sessions = present + approved activity + authorised + unauthorised; not-possible marks are outside it.
/// Totals add, so a cohort's rate is its summed sessions divided once (DfE: "sum sessions first, then divide").
/// Rates are exact decimals (percent) and null when there are no possible sessions. Threshold tests
/// (<see cref="IsPersistentAbsence"/>, <see cref="IsSevereAbsence"/>, <see cref="Band"/>) compare exact integer
/// fractions, never a rounded percentage, so exactly 10% absence is persistent absence.
/// </remarks>
public readonly record struct AttendanceTotals(int Present, int ApprovedActivity, int Authorised, int Unauthorised, int Late)
{
    public static AttendanceTotals Zero => default;

    public int Possible => Present + ApprovedActivity + Authorised + Unauthorised;

    public int Attended => Present + ApprovedActivity;

    public int Absent => Authorised + Unauthorised;

    public decimal? AttendanceRate => Percentages.Of(Attended, Possible);

    public decimal? OverallAbsenceRate => Percentages.Of(Absent, Possible);

    public decimal? AuthorisedAbsenceRate => Percentages.Of(Authorised, Possible);

    public decimal? UnauthorisedAbsenceRate => Percentages.Of(Unauthorised, Possible);

    /// <summary>Absence / possible &gt;= 1/10, exactly. False when there are no possible sessions.</summary>
    public bool IsPersistentAbsence => Possible > 0 && Absent * 10L >= Possible;

    /// <summary>Absence / possible &gt;= 1/2, exactly. False when there are no possible sessions.</summary>
    public bool IsSevereAbsence => Possible > 0 && Absent * 2L >= Possible;

    /// <summary>The attendance band, or null with no possible sessions.</summary>
    public AttendanceBand? Band => AttendanceBands.Of(Attended, Possible);

    public static AttendanceTotals operator +(AttendanceTotals a, AttendanceTotals b) =>
        new(a.Present + b.Present, a.ApprovedActivity + b.ApprovedActivity, a.Authorised + b.Authorised,
            a.Unauthorised + b.Unauthorised, a.Late + b.Late);

    /// <summary>Adds one mark.</summary>
    public AttendanceTotals Add(AttendanceCode code)
    {
        var late = code.IsLate ? 1 : 0;
        return code.Category switch
        {
            AttendanceCategory.Present => this with { Present = Present + 1, Late = Late + late },
            AttendanceCategory.ApprovedActivity => this with { ApprovedActivity = ApprovedActivity + 1 },
            AttendanceCategory.AuthorisedAbsence => this with { Authorised = Authorised + 1 },
            AttendanceCategory.UnauthorisedAbsence => this with { Unauthorised = Unauthorised + 1, Late = Late + late },
            _ => this,
        };
    }

    public static AttendanceTotals Sum(IEnumerable<AttendanceTotals> totals) =>
        totals.Aggregate(Zero, (sum, next) => sum + next);
}
