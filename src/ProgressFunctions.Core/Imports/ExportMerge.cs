using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    public KnownMarks Attendance { get; init; } = KnownMarks.Empty;
    /// <summary>Every result known, by pupil, subject and point.</summary>
    /// <remarks>A plain read-only dictionary: a school holds tens of thousands of results, and a merge copies them once.</remarks>
    public IReadOnlyDictionary<(string PupilId, string Subject, string Point), AssessmentResult> Assessments { get; init; } =
        new Dictionary<(string, string, string), AssessmentResult>();
}

/// <summary>How much one merge changed.</summary>
/// <remarks><see cref="ContactsChanged"/> counts contact records added or changed; <see cref="PupilsWithLinksChanged"/> the pupils whose set of contacts changed.</remarks>
public sealed record MergeSummary(int PupilsAdded, int PupilsUpdated, int LeaversMarked, int ContactsChanged, int MarksChanged, int AssessmentsChanged)
{
    public int PupilsWithLinksChanged { get; init; }

    public bool ChangedNothing => PupilsAdded + PupilsUpdated + LeaversMarked + ContactsChanged + PupilsWithLinksChanged + MarksChanged + AssessmentsChanged == 0;
}

/// <summary>Merges one export into what is known: a pure function, so re-applying the same export changes nothing.</summary>
/// <remarks>
/// New pupils are added and changed fields updated; a known pupil keeps the fields an export does not carry (a CTF's
/// registration group, admission date and pupil premium, <see cref="SchoolExport.CarriesRollDetails"/>). A known pupil missing from a full-roll export (<see cref="IsFullRoll"/>) is a leaver: their
/// <see cref="Pupil.LeavingDate"/> is set to the day before the export (never deleted; a returning pupil's leaving date
/// is cleared by the export's own record). A pupil's contact links are replaced by the export's for every pupil it lists
/// contacts for (<see cref="SchoolExport.PupilsWithContactRows"/>). A session's mark is replaced only by a strictly newer export, so an old
/// file re-uploaded late cannot undo corrections.
/// </remarks>
public static class ExportMerge
{
    /// <summary>Only a bundle whose <c>pupils.csv</c> was read without a row error, and lists every pupil its attendance marks on its last day, lists the whole roll.</summary>
    /// <remarks>
    /// A CTF usually carries the pupils being transferred, a rejected pupils.csv row would otherwise look like a
    /// pupil who left, and a pupils.csv cut short while attendance.csv still marks the pupils it lost is not the roll:
    /// none of them may take anyone off roll.
    /// </remarks>
    public static bool IsFullRoll(SchoolExport export) =>
        !export.OlderThanStored && export.RecordsRead.TryGetValue("pupils.csv", out var read) && read > 0 && export.MarkedButUnlisted.Count == 0
        && !export.Issues.Any(i => i.IsError && string.Equals(i.File, "pupils.csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>The school as it is with <paramref name="export"/> merged in, and what changed.</summary>
    /// <remarks>
    /// A pupil with no known marks takes the export's as they stand: the result reads them from the export's registers
    /// (<see cref="ExportedMarks"/>), so the export must not change while the result is in use.
    /// </remarks>
    public static (KnownSchool School, MergeSummary Summary) Apply(KnownSchool known, SchoolExport export, DateTimeOffset exportedAt)
    {
        var pupils = known.Pupils.ToBuilder();
        int added = 0, updated = 0, leavers = 0;
        var inExport = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exported in export.Pupils)
        {
            inExport.Add(exported.Id);
            if (!pupils.TryGetValue(exported.Id, out var before))
            {
                pupils[exported.Id] = exported;
                added++;
                continue;
            }

            var pupil = export.CarriesRollDetails
                ? exported
                : exported with { RegistrationGroup = before.RegistrationGroup, AdmissionDate = before.AdmissionDate, PupilPremium = before.PupilPremium };
            if (before != pupil)
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
        var linkChanges = 0;
        var knownByPupil = known.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var exportLinks = export.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        foreach (var pupilId in exportLinks.Select(g => g.Key).Union(export.PupilsWithContactRows, StringComparer.Ordinal))
        {
            // The export's links for a pupil are the pupil's links now, even none; a refused row's stored link is among
            // them already (RefusedContacts), so nothing is kept here that the export does not give.
            var now = exportLinks[pupilId].ToHashSet();
            var old = knownByPupil[pupilId].ToList();
            if (!now.SetEquals(old))
            {
                old.ForEach(l => links.Remove(l));
                links.UnionWith(now);
                linkChanges++;
            }
        }

        var (marks, markChanges) = MergeMarks(known.Attendance, export.Attendance, exportedAt);
        // Sized once for every known and exported result: grown from the known ones, a school's first import doubled
        // its way up to sixty thousand entries.
        var results = new Dictionary<(string PupilId, string Subject, string Point), AssessmentResult>(known.Assessments.Count + export.Assessments.Count);
        foreach (var (key, result) in known.Assessments)
        {
            results.Add(key, result);
        }

        var resultChanges = 0;
        foreach (var result in export.Assessments)
        {
            ref var stored = ref CollectionsMarshal.GetValueRefOrAddDefault(results, (result.PupilId, result.Subject, result.Point), out var held);
            // An older export adds results the store lacks and corrects none a newer export gave (OlderExport).
            if (stored != result && !(held && export.OlderThanStored))
            {
                stored = result;
                resultChanges++;
            }
        }

        var school = known with
        {
            Pupils = pupils.ToImmutable(),
            Contacts = contacts.ToImmutable(),
            ContactLinks = links.ToImmutable(),
            Attendance = marks,
            Assessments = results,
        };
        return (school, new MergeSummary(added, updated, leavers, contactChanges, markChanges, resultChanges) { PupilsWithLinksChanged = linkChanges });
    }

    /// <summary>Each pupil's known marks with the export's merged in; a pupil whose marks it leaves as they were keeps the same table.</summary>
    private static (KnownMarks Marks, int Changes) MergeMarks(KnownMarks known, AttendanceRegisters? export, DateTimeOffset exportedAt)
    {
        if (export is null)
        {
            return (known, 0);
        }

        var byPupil = new Dictionary<string, IReadOnlyDictionary<(DateOnly, SessionOfDay), StampedMark>>(known.ByPupil, StringComparer.Ordinal);
        var changes = 0;
        foreach (var pupilId in export.ByPupil.Keys)
        {
            if (known.Of(pupilId) is not { } before)
            {
                // Every exported mark is new: the pupil's table is the export's register, stamped, not a copy of it.
                var exported = new ExportedMarks(export, pupilId, exportedAt);
                if (exported.Count > 0)
                {
                    byPupil[pupilId] = exported;
                    changes += exported.Count;
                }

                continue;
            }

            Dictionary<(DateOnly, SessionOfDay), StampedMark>? merged = null;
            foreach (var mark in export.MarksOf(pupilId))
            {
                var key = (mark.Date, mark.Session);
                // An export that cannot say minutes late (a CTF) repeating a stored mark leaves it, minutes and all.
                if (!before.TryGetValue(key, out var had)
                    || (had.ExportedAt < exportedAt && (had.Code != mark.Code || (export.HasMinutesLateColumn && had.MinutesLate != mark.MinutesLate))))
                {
                    merged ??= new(before);
                    merged[key] = new StampedMark(mark.Code, exportedAt, mark.MinutesLate);
                    changes++;
                }
            }

            if (merged is not null)
            {
                byPupil[pupilId] = merged;
            }
        }

        return (new KnownMarks(byPupil), changes);
    }
}
