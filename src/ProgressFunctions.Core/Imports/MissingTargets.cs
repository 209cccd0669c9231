using System.Globalization;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Imports;

/// <summary>Names, once per import, the pupils whose results an export carries with no target at all in its targets.csv.</summary>
/// <remarks>
/// Such a pupil's reports judge progress against a DfE estimate from KS2 (marked as one) or against nothing; a parent
/// may read "Well below" against a target the school never set. The data manager can only fix that in the MIS, so it
/// is said where they read the import's warnings. KS2 prior attainment alone is not a result to track. Only when the
/// export carries targets.csv: without the file the stored targets stand. Pupils by id, never by name.
/// </remarks>
public static class MissingTargets
{
    /// <summary>The most pupil ids the warning lists before saying how many more.</summary>
    public const int Listed = 20;

    public static SchoolExport Warn(SchoolExport export)
    {
        if (!export.RecordsRead.TryGetValue(AssessmentsCsv.TargetsFileName, out var rows) || rows == 0)
        {
            return export;
        }

        var withTargets = export.Targets.Select(t => t.PupilId).ToHashSet(StringComparer.Ordinal);
        var missing = export.Assessments.Where(a => a.Scale != GradeScale.Ks2ScaledScore.Name && !withTargets.Contains(a.PupilId))
            .Select(a => a.PupilId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return export;
        }

        var count = missing.Count.ToString("N0", CultureInfo.InvariantCulture);
        var named = string.Join(" ", missing.Take(Listed)) + (missing.Count > Listed ? $" and {(missing.Count - Listed).ToString("N0", CultureInfo.InvariantCulture)} more" : "");
        var issue = ImportIssue.Warning(AssessmentsCsv.TargetsFileName, 0, AssessmentsCsv.Target.Name, named,
            $"{(missing.Count == 1 ? "1 pupil with results has" : $"{count} pupils with results have")} no target in targets.csv ({named}). " +
            "Their reports judge progress against a DfE estimate from KS2, marked *, where there is one, and against no target otherwise");
        return export with { Issues = [.. export.Issues, issue] };
    }
}
