using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;

namespace ProgressFunctions.Core.Reports.Subjects;

/// <summary>A grade as a spreadsheet keeps it: the scale's value, for sorting and filtering, and the grade as written.</summary>
/// <remarks><see cref="Value"/> is null only when the scale is no longer known (then the label alone is shown).</remarks>
public sealed record GradeCell(decimal? Value, string Label);

/// <summary>One pupil's row in a subject sheet.</summary>
/// <remarks>
/// <see cref="Points"/> lines up with <see cref="WorkbookSheet.Points"/>: the pupil's result at each assessment point
/// this year, null where they have none. <see cref="Change"/> is the change since the last snapshot in scale points.
/// </remarks>
public sealed record WorkbookRow(
    string PupilId,
    string Pupil,
    string Upn,
    string Form,
    string TeachingGroup,
    string Sen,
    bool Disadvantaged,
    GradeCell Target,
    EquatableList<GradeCell?> Points,
    GradeCell? Current,
    GradeCell Expected,
    ProgressBand? Band,
    decimal? Change);

/// <summary>One sheet: a teaching group of a subject, or a subject of a year group, with its assessment points.</summary>
public sealed record WorkbookSheet(string Name, string Subject, EquatableList<string> Points, EquatableList<WorkbookRow> Rows)
{
    /// <summary>Rows in <paramref name="band"/>; null counts the rows with no result yet.</summary>
    public int Count(ProgressBand? band) => Rows.Count(r => r.Band == band);
}

/// <summary>A spreadsheet of pupils' grades, laid out by any <see cref="IWorkbookRenderer"/>: one sheet per group.</summary>
/// <remarks><see cref="ShowGroup"/> is set when a sheet mixes teaching groups (a year leader's subject sheet).</remarks>
public sealed record ProgressWorkbook(string Title, string Period, string SchoolName, string FileName, bool ShowGroup, EquatableList<WorkbookSheet> Sheets)
{
    /// <summary>The heading of the registration group column (<see cref="ReportFormat.RegistrationGroupHeading(IEnumerable{int})"/>).</summary>
    public string GroupHeading { get; init; } = "Form";
}

/// <summary>What a workbook is made from: the snapshot, who the pupils are, and this year's results for the assessment points.</summary>
/// <remarks>
/// <see cref="Results"/> may hold every result the school has: only those of the snapshot's pupils and subjects,
/// dated in the snapshot's academic year and on or before its date, are used, so a later import cannot change the
/// workbook of an earlier snapshot. <see cref="Scales"/> gives each grade its value (the school's own scales included).
/// </remarks>
public sealed record WorkbookInput(string SchoolName, TermSnapshot Snapshot, SchoolDirectory Directory, IReadOnlyList<AssessmentResult> Results, GradeScaleSet Scales);
