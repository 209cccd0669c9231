using System.Xml.Linq;
using ProgressFunctions.Core.Progress;
using static ProgressFunctions.Core.Imports.Ctf.CtfReader;

namespace ProgressFunctions.Core.Imports.Ctf;

/// <summary>A CTF pupil record's <c>StageAssessments</c>: KS2 tests (TT) and teacher assessments (TA), and school data drops (INT, scale in <c>ResultQualifier</c>).</summary>
internal static class CtfAssessments
{
    public static void Read(XElement pupil, string pupilId, int line, GradeScaleSet scales, string file, List<AssessmentResult> results, List<ImportIssue> issues)
    {
        foreach (var stage in Children(Child(pupil, "StageAssessments"), "KeyStage"))
        {
            foreach (var result in Children(stage, "StageAssessment"))
            {
                var method = Value(result, "Method");
                var scaleName = method.Equals(CtfCodes.InternalMethod, StringComparison.OrdinalIgnoreCase) ? Value(result, "ResultQualifier")
                    : method.Equals("TT", StringComparison.OrdinalIgnoreCase) ? "KS2" : method.Equals("TA", StringComparison.OrdinalIgnoreCase) ? "KS2 TA" : "";
                var grade = Value(result, "Result");
                if (!scales.TryGet(scaleName, out var scale) || !scale.Contains(grade))
                {
                    issues.Add(ImportIssue.Error(file, line, "StageAssessment/Result", grade,
                        scale is null ? $"unknown grade scale '{scaleName}' (method '{method}')" : $"'{grade}' is not a grade on the {scale.Name} scale"));
                    continue;
                }

                var date = TryDate(Value(result, "ResultDate"), out var d) ? d
                    : int.TryParse(Value(result, "Year"), out var y) ? new DateOnly(y, 7, 1) : default;
                results.Add(new AssessmentResult
                {
                    PupilId = pupilId,
                    Subject = Value(result, "Subject"),
                    Point = Value(result, "Component") is { Length: > 0 } c ? c : Value(stage, "Stage"),
                    Date = date,
                    Scale = scale.Name,
                    Grade = scale.Normalise(grade),
                });
            }
        }
    }
}
