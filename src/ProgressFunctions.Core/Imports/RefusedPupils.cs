using System.Globalization;

namespace ProgressFunctions.Core.Imports;

/// <summary>Takes pupils refused after reading (<see cref="PupilIdentity"/>) out of an export, with every row of every file about them.</summary>
/// <remarks>
/// <para>
/// A pupil refused there is one whose id or UPN the store knows as another child's, or whose name moved to another
/// pupil. Whatever the other files give under that id (contact links, marks, results, targets, behaviour, homework,
/// interventions, caseloads) may be either child's: linked to the pupil stored under the id, it would put one child's
/// data in another's reports, or a mentor's digest, or send a report to another family. So none of it is imported, and
/// a contact that only such rows name is not imported either (its details could overwrite a stored family's).
/// </para>
/// <para>
/// Nothing goes silently: besides the pupil's own error in pupils.csv, each other file with a row for the pupil gets
/// one error at its first such row (<see cref="SchoolExport.PupilMentions"/>), so whoever reads that file's errors sees
/// why its rows are missing. A CTF has no other files: a pupil's data is inside the pupil's own record, whose error says so.
/// </para>
/// </remarks>
public static class RefusedPupils
{
    /// <summary>The export without the <paramref name="refused"/> pupils and everything about them, with <paramref name="issues"/> and one error per other file and pupil added.</summary>
    public static SchoolExport Without(SchoolExport export, IReadOnlySet<string> refused, IReadOnlyList<ImportIssue> issues)
    {
        if (refused.Count == 0)
        {
            return issues.Count == 0 ? export : export with { Issues = [.. export.Issues, .. issues] };
        }

        foreach (var id in refused)
        {
            export.Attendance?.Remove(id);
        }

        bool Kept(string pupilId) => !refused.Contains(pupilId);
        var keptLinks = export.ContactLinks.Where(l => Kept(l.PupilId)).ToList();
        var stillLinked = keptLinks.Select(l => l.ContactId).ToHashSet(StringComparer.Ordinal);
        var onlyRefused = export.ContactLinks.Where(l => !Kept(l.PupilId) && !stillLinked.Contains(l.ContactId)).Select(l => l.ContactId).ToHashSet(StringComparer.Ordinal);
        return export with
        {
            Pupils = [.. export.Pupils.Where(p => Kept(p.Id))],
            Contacts = [.. export.Contacts.Where(c => !onlyRefused.Contains(c.Id))],
            ContactLinks = keptLinks,
            PupilsWithContactRows = export.PupilsWithContactRows.Where(Kept).ToHashSet(StringComparer.Ordinal),
            AttendanceSummaries = [.. export.AttendanceSummaries.Where(s => Kept(s.PupilId))],
            Assessments = [.. export.Assessments.Where(a => Kept(a.PupilId))],
            Targets = [.. export.Targets.Where(t => Kept(t.PupilId))],
            Behaviour = [.. export.Behaviour.Where(b => Kept(b.PupilId))],
            Homework = [.. export.Homework.Where(h => Kept(h.PupilId))],
            Interventions = [.. export.Interventions.Where(i => Kept(i.PupilId))],
            Caseloads = export.Caseloads is { } caseloads ? [.. caseloads.Where(m => Kept(m.PupilId))] : null,
            Issues = [.. export.Issues, .. issues, .. refused.Order(StringComparer.Ordinal).SelectMany(id => InOtherFiles(export, id))],
        };
    }

    /// <summary>One error per file that names the refused pupil, at its first row there.</summary>
    private static IEnumerable<ImportIssue> InOtherFiles(SchoolExport export, string pupilId)
    {
        var own = export.PupilRows.GetValueOrDefault(pupilId, new RowRef("pupils.csv", 0));
        return export.PupilMentions.GetValueOrDefault(pupilId, []).Select(at => ImportIssue.Error(at.File, at.Line, at.Column, pupilId, string.Create(CultureInfo.InvariantCulture,
            $"pupil {pupilId}'s row in {own.File} was refused (line {own.Line}): no row for this pupil in {at.File} is imported or linked to anyone, this one and any after it (see the error on that line of {own.File})")));
    }
}
