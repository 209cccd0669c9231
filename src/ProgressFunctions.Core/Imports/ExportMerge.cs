using System.Collections.Immutable;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>A mark as known, with the time of the export it came from and the minutes late the export gave for it.</summary>
public readonly record struct StampedMark(AttendanceCode Code, DateTimeOffset ExportedAt, int? MinutesLate = null);

/// <summary>What the product already knows about a school, built up export by export.</summary>
public sealed record KnownSchool
{
    public static KnownSchool Empty { get; } = new();

    public ImmutableDictionary<string, Pupil> Pupils { get; init; } = ImmutableDictionary<string, Pupil>.Empty;
    public ImmutableDictionary<string, Contact> Contacts { get; init; } = ImmutableDictionary<string, Contact>.Empty;
    public ImmutableHashSet<ContactLink> ContactLinks { get; init; } = [];
    /// <summary>Every mark known, by pupil and session.</summary>
    /// <remarks>A plain read-only dictionary rather than an immutable one: a school year holds hundreds of thousands of marks, and a merge copies it once.</remarks>
    public IReadOnlyDictionary<(string PupilId, DateOnly Date, SessionOfDay Session), StampedMark> Attendance { get; init; } =
        new Dictionary<(string, DateOnly, SessionOfDay), StampedMark>();
    public ImmutableDictionary<(string PupilId, string Subject, string Point), AssessmentResult> Assessments { get; init; } =
        ImmutableDictionary<(string, string, string), AssessmentResult>.Empty;
}

/// <summary>How much one merge changed.</summary>
public sealed record MergeSummary(int PupilsAdded, int PupilsUpdated, int LeaversMarked, int ContactsChanged, int MarksChanged, int AssessmentsChanged)
{
    public bool ChangedNothing => PupilsAdded + PupilsUpdated + LeaversMarked + ContactsChanged + MarksChanged + AssessmentsChanged == 0;
}

/// <summary>Merges one export into what is known: a pure function, so re-applying the same export changes nothing.</summary>
/// <remarks>
/// New pupils are added and changed fields updated. A known pupil missing from a full-roll export (<see cref="IsFullRoll"/>) is a leaver: their
/// <see cref="Pupil.LeavingDate"/> is set to the day before the export (never deleted; a returning pupil's leaving date
/// is cleared by the export's own record). A pupil's contact links are replaced by the export's for every pupil it lists
/// contacts for (<see cref="SchoolExport.PupilsWithContactRows"/>). A session's mark is replaced only by a strictly newer export, so an old
/// file re-uploaded late cannot undo corrections.
/// </remarks>
public static class ExportMerge
{
    /// <summary>Only a bundle whose <c>pupils.csv</c> was read without a row error lists the whole roll.</summary>
    /// <remarks>
    /// A CTF usually carries the pupils being transferred, and a rejected pupils.csv row would otherwise look like a
    /// pupil who left: neither may take anyone off roll.
    /// </remarks>
    public static bool IsFullRoll(SchoolExport export) =>
        export.RecordsRead.TryGetValue("pupils.csv", out var read) && read > 0
        && !export.Issues.Any(i => i.IsError && string.Equals(i.File, "pupils.csv", StringComparison.OrdinalIgnoreCase));

    public static (KnownSchool School, MergeSummary Summary) Apply(KnownSchool known, SchoolExport export, DateTimeOffset exportedAt)
    {
        var pupils = known.Pupils.ToBuilder();
        int added = 0, updated = 0, leavers = 0;
        var inExport = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pupil in export.Pupils)
        {
            inExport.Add(pupil.Id);
            if (!pupils.TryGetValue(pupil.Id, out var before))
            {
                pupils[pupil.Id] = pupil;
                added++;
            }
            else if (before != pupil)
            {
                pupils[pupil.Id] = pupil;
                updated++;
            }
        }

        var leftOn = DateOnly.FromDateTime(exportedAt.UtcDateTime).AddDays(-1);
        foreach (var (id, pupil) in known.Pupils.Where(p => IsFullRoll(export) && !inExport.Contains(p.Key) && p.Value.LeavingDate is null))
        {
            pupils[id] = pupil with { LeavingDate = leftOn };
            leavers++;
        }

        var contacts = known.Contacts.ToBuilder();
        var contactChanges = 0;
        foreach (var contact in export.Contacts.Where(c => !contacts.TryGetValue(c.Id, out var before) || before != c))
        {
            contacts[contact.Id] = contact;
            contactChanges++;
        }

        var links = known.ContactLinks.ToBuilder();
        var knownByPupil = known.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var exportLinks = export.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        foreach (var pupilId in exportLinks.Select(g => g.Key).Union(export.PupilsWithContactRows, StringComparer.Ordinal))
        {
            // The export's links for a pupil are the pupil's links now, even none: a refused row vouches for nothing.
            var now = exportLinks[pupilId].ToHashSet();
            var old = knownByPupil[pupilId].ToList();
            if (!now.SetEquals(old))
            {
                old.ForEach(l => links.Remove(l));
                links.UnionWith(now);
                contactChanges++;
            }
        }

        // Sized once for what is known and what the export brings: a trust's year is millions of marks, and growing
        // the table by doubling rehashes every mark several times.
        var marks = new Dictionary<(string PupilId, DateOnly Date, SessionOfDay Session), StampedMark>(
            known.Attendance.Count + (int)Math.Min(int.MaxValue / 2, export.Attendance?.MarkCount ?? 0));
        foreach (var (key, mark) in known.Attendance)
        {
            marks.Add(key, mark);
        }

        var markChanges = 0;
        foreach (var mark in export.Attendance?.Marks() ?? [])
        {
            var key = (mark.PupilId, mark.Date, mark.Session);
            if (!marks.TryGetValue(key, out var before) || (before.ExportedAt < exportedAt && (before.Code != mark.Code || before.MinutesLate != mark.MinutesLate)))
            {
                marks[key] = new StampedMark(mark.Code, exportedAt, mark.MinutesLate);
                markChanges++;
            }
        }

        var results = known.Assessments.ToBuilder();
        var resultChanges = 0;
        foreach (var result in export.Assessments.Where(r => !results.TryGetValue((r.PupilId, r.Subject, r.Point), out var before) || before != r))
        {
            results[(result.PupilId, result.Subject, result.Point)] = result;
            resultChanges++;
        }

        var school = known with
        {
            Pupils = pupils.ToImmutable(),
            Contacts = contacts.ToImmutable(),
            ContactLinks = links.ToImmutable(),
            Attendance = marks,
            Assessments = results.ToImmutable(),
        };
        return (school, new MergeSummary(added, updated, leavers, contactChanges, markChanges, resultChanges));
    }
}
