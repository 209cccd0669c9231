using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Subjects;

/// <summary>The subject leader's and the year leader's termly workbooks, built from a snapshot.</summary>
/// <remarks>
/// Every figure is the snapshot's: target, current grade, expected grade on the flight path, band and change since the
/// last snapshot, so the workbook agrees with the PDF report beside it. Assessment-point columns are ordered by the
/// earliest date of each point, then by name; the last one a pupil has is the snapshot's current grade. Rows are
/// ordered by surname, forename, then pupil id. "Disadvantaged" is the one rule every report's groups use
/// (<see cref="Core.PupilGroups.PupilCharacteristics.Disadvantaged"/>).
/// </remarks>
public static class SubjectWorkbook
{
    /// <summary>A subject a pupil takes, with the pupil as the directory knows them (null if it no longer does).</summary>
    private sealed record Entry(PupilSnapshot Pupil, SubjectSnapshot Subject, Pupil? Known);

    /// <summary>The subject leader's workbook: one sheet per teaching group of <paramref name="subject"/> (matched case-insensitively).</summary>
    public static ProgressWorkbook ForSubject(WorkbookInput input, string subject)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool Taught(SubjectSnapshot s) => string.Equals(s.Subject, subject, StringComparison.OrdinalIgnoreCase);
        // Named as the first pupil in the snapshot who takes it has it written.
        var name = input.Snapshot.Pupils.SelectMany(p => p.Subjects).FirstOrDefault(Taught)?.Subject ?? subject.Trim();
        var entries = Entries(input, _ => true, Taught);
        var results = new UsableResults(input, r => r.Subject.AsSpan().Trim().Equals(name.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase));
        var grades = new GradeCells(input.Scales);
        var sheets = entries.GroupBy(e => e.Subject.TeachingGroup ?? "", StringComparer.Ordinal)
            .InGroupOrder(g => g.Key)
            .Select(g => Sheet(grades, results, g.Key.Length == 0 ? "No group" : g.Key, name, [.. g]))
            .ToEquatableList();
        return new ProgressWorkbook($"{name} workbook", PeriodLabel(input.Snapshot.Key), input.SchoolName,
            $"{TermSlug(input.Snapshot.Key)}-subject-{SafeFilePart(name.ToLowerInvariant())}.xlsx", ShowGroup: false, sheets)
        {
            GroupHeading = RegistrationGroupHeading(entries.Select(e => e.Pupil.YearGroup)),
        };
    }

    /// <summary>The year leader's workbook: one sheet per subject taken in <paramref name="yearGroup"/>, subjects by name.</summary>
    public static ProgressWorkbook ForYearGroup(WorkbookInput input, int yearGroup)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entries = Entries(input, p => p.YearGroup == yearGroup, _ => true);
        var pupils = entries.Select(e => e.Pupil.PupilId).ToHashSet(StringComparer.Ordinal);
        var results = new UsableResults(input, r => pupils.Contains(r.PupilId));
        var grades = new GradeCells(input.Scales);
        var sheets = entries.GroupBy(e => e.Subject.Subject, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sheet(grades, results, g.Key, g.Key, [.. g]))
            .ToEquatableList();
        var year = YearLabel(yearGroup);
        return new ProgressWorkbook($"{year} workbook", PeriodLabel(input.Snapshot.Key), input.SchoolName,
            $"{TermSlug(input.Snapshot.Key)}-year-{yearGroup}.xlsx", ShowGroup: true, sheets)
        {
            GroupHeading = RegistrationGroupHeading([yearGroup]),
        };
    }

    /// <summary>The subjects <paramref name="include"/> keeps of the pupils <paramref name="pupils"/> keeps, in row order.</summary>
    /// <remarks>
    /// Pupils are put in row order once, before their subjects are split into sheets (grouping keeps that order), so a
    /// pupil in eight sheets is collated once, not in eight sorts. Pupils the directory no longer knows go last.
    /// </remarks>
    private static List<Entry> Entries(WorkbookInput input, Func<PupilSnapshot, bool> pupils, Func<SubjectSnapshot, bool> include) =>
    [
        .. input.Snapshot.Pupils.Where(p => pupils(p) && p.Subjects.Any(include))
            .Select(p => (Pupil: p, Known: input.Directory.Pupil(p.PupilId)))
            .OrderBy(p => p.Known is null)
            .ThenBy(p => PersonName.OrderKey(p.Known?.LegalSurname ?? ""), PersonName.KeyOrder)
            .ThenBy(p => PersonName.OrderKey(p.Known?.PreferredForename ?? p.Known?.LegalForename ?? ""), PersonName.KeyOrder)
            .ThenBy(p => p.Pupil.PupilId, StringComparer.Ordinal)
            .SelectMany(p => p.Pupil.Subjects.Where(include).Select(s => new Entry(p.Pupil, s, p.Known))),
    ];

    /// <summary>One sheet, its <paramref name="entries"/> already in row order.</summary>
    private static WorkbookSheet Sheet(GradeCells grades, UsableResults usable, string name, string subject, IReadOnlyList<Entry> entries)
    {
        var results = usable.Of(subject, entries.Select(e => e.Pupil.PupilId).ToHashSet(StringComparer.Ordinal));
        var points = results.GroupBy(r => r.Point.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Min(r => r.Date)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToEquatableList();
        var columns = new PointColumns(points);
        var byPupil = results.ToLookup(r => r.PupilId, StringComparer.Ordinal);
        var rows = entries.Select(e => Row(grades, e.Pupil, e.Subject, e.Known, columns.Latest(byPupil[e.Pupil.PupilId]))).ToEquatableList();
        return new WorkbookSheet(name, subject, points, rows);
    }

    private static WorkbookRow Row(GradeCells grades, PupilSnapshot pupil, SubjectSnapshot subject, Pupil? known, AssessmentResult?[] atPoint) => new(
        pupil.PupilId,
        known?.DisplayName ?? pupil.PupilId,
        pupil.Upn ?? known?.Upn ?? "",
        pupil.RegistrationGroup,
        subject.TeachingGroup ?? "",
        SenLabel(pupil.Sen),
        known is { } k && Core.PupilGroups.PupilCharacteristics.Of(k).Disadvantaged,
        grades.Of(subject.Scale, subject.TargetGrade),
        [.. atPoint.Select(r => r is null ? null : grades.Of(r.Scale, r.Grade))],
        subject.CurrentGrade is { } current ? new GradeCell(subject.Current, current) : null,
        new GradeCell(subject.Expected, subject.ExpectedGrade),
        subject.Band,
        subject.ChangeSinceLast);

    /// <summary>A sheet's assessment points, each found by its name trimmed in any case.</summary>
    private sealed class PointColumns
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _index;
        private readonly int _count;

        public PointColumns(IReadOnlyList<string> points)
        {
            var index = new Dictionary<string, int>(points.Count, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < points.Count; i++)
            {
                index.Add(points[i], i);
            }

            _index = index.GetAlternateLookup<ReadOnlySpan<char>>();
            _count = points.Count;
        }

        /// <summary>A pupil's latest result at each point, null where none; of two on the same day, the first.</summary>
        /// <remarks>Every result given must be at one of the sheet's points, as the sheet's points are made from them.</remarks>
        public AssessmentResult?[] Latest(IEnumerable<AssessmentResult> results)
        {
            var latest = new AssessmentResult?[_count];
            foreach (var result in results)
            {
                ref var held = ref latest[_index[result.Point.AsSpan().Trim()]];
                if (held is null || result.Date > held.Date)
                {
                    held = result;
                }
            }

            return latest;
        }
    }

    /// <summary>Grades as cells, each scale and grade worked out once per workbook: a workbook repeats a few dozen grades thousands of times.</summary>
    private sealed class GradeCells(GradeScaleSet scales)
    {
        private readonly Dictionary<(string Scale, string Grade), GradeCell> _cells = [];

        public GradeCell Of(string scale, string grade)
        {
            if (!_cells.TryGetValue((scale, grade), out var cell))
            {
                cell = Grade(scales.TryGet(scale, out var found) ? found : null, grade);
                _cells.Add((scale, grade), cell);
            }

            return cell;
        }

        private static GradeCell Grade(GradeScale? scale, string grade) =>
            scale is not null && scale.TryGetValue(grade, out var value) ? new GradeCell(value, scale.Normalise(grade)) : new GradeCell(null, grade);
    }

    /// <summary>The results a workbook may show, by subject (trimmed, any case) and pupil, in their stored order.</summary>
    /// <remarks>
    /// Filtered once per workbook rather than once per sheet: a school's year of results is tens of thousands of rows.
    /// <c>relevant</c> drops the rows of other subjects or pupils first, the cheapest test. A subject's results are
    /// indexed by pupil when a sheet first asks, so a subject leader's fifty teaching groups do not each scan them all.
    /// </remarks>
    private sealed class UsableResults
    {
        private readonly ILookup<string, AssessmentResult> _bySubject;
        private readonly Dictionary<string, ILookup<string, (AssessmentResult Result, int Order)>> _byPupil = new(StringComparer.OrdinalIgnoreCase);

        public UsableResults(WorkbookInput input, Func<AssessmentResult, bool> relevant)
        {
            var year = input.Snapshot.Key.Year;
            _bySubject = input.Results.Where(r => relevant(r) && r.Date >= year.Start && r.Date <= input.Snapshot.AsOf && r.Date <= year.End
                    && input.Scales.TryGet(r.Scale, out var scale) && scale.Contains(r.Grade))
                .ToLookup(r => r.Subject.Trim(), StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The results of <paramref name="pupils"/> in <paramref name="subject"/>, in stored order (the first spelling of a point names its column).</summary>
        public List<AssessmentResult> Of(string subject, IEnumerable<string> pupils)
        {
            var key = subject.Trim();
            if (!_byPupil.TryGetValue(key, out var byPupil))
            {
                byPupil = _bySubject[key].Select((r, i) => (Result: r, Order: i)).ToLookup(x => x.Result.PupilId, StringComparer.Ordinal);
                _byPupil.Add(key, byPupil);
            }

            return [.. pupils.SelectMany(p => byPupil[p]).OrderBy(x => x.Order).Select(x => x.Result)];
        }
    }
}
