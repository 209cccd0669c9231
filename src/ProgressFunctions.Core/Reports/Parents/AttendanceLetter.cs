using System.Globalization;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports.Parents;

/// <summary>What a parent attendance letter needs: the school's wording and who it is to and about.</summary>
public sealed record AttendanceLetterInput(string SchoolName, LetterDue Letter, Pupil Pupil, string? ParentName, string ContactLine, string Template);

/// <summary>The letter to a family when a child's attendance first falls below one of the school's stages.</summary>
public static class AttendanceLetter
{
    public static ReportDocument Build(AttendanceLetterInput input)
    {
        var letter = input.Letter;
        var stage = letter.Stage.ToString("0.##", CultureInfo.InvariantCulture) + "%";
        var date = letter.Date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var text = input.Template
            .Replace("{parent}", input.ParentName ?? "parent or carer", StringComparison.Ordinal)
            .Replace("{pupil}", input.Pupil.DisplayName, StringComparison.Ordinal)
            .Replace("{rate}", letter.Rate, StringComparison.Ordinal)
            .Replace("{stage}", stage, StringComparison.Ordinal)
            .Replace("{school}", input.SchoolName, StringComparison.Ordinal)
            .Replace("{date}", date, StringComparison.Ordinal)
            .Replace("{contact}", input.ContactLine, StringComparison.Ordinal);
        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ReportDocument(
            $"About {input.Pupil.DisplayName}'s attendance",
            $"Attendance letter, {letter.Year}",
            input.SchoolName,
            letter.Date,
            [new KeyFacts([new KeyFact("Attendance this year", letter.Rate, Tone.Caution), new KeyFact("Where we look for it to be", $"{stage} or above")]),
             .. paragraphs.Select(p => new Paragraph(p))])
        {
            FileName = $"attendance-letter-{letter.Year.StartYear}-{letter.PupilId}-{letter.Stage.ToString("0.##", CultureInfo.InvariantCulture)}.pdf",
        };
    }
}
