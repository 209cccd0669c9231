using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The documents one export changes, computed from what is stored and the export: the pure part of ingest.</summary>
/// <remarks>
/// The merge rules are <see cref="ExportMerge"/>'s: pupils added or updated, leavers marked (never deleted), a
/// session's mark replaced only by a newer export. Targets, behaviour and homework are replaced per pupil only when
/// the export carries that file; otherwise what is stored stays. A pupil or progress document that would be written
/// exactly as stored is left out: a daily export repeats most of what the school already holds.
/// </remarks>
public sealed record IngestPlan(
    StoredProfile? Profile,
    IReadOnlyList<PupilRecord> Pupils,
    IReadOnlyList<Schools.Contact> Contacts,
    IReadOnlyList<AttendanceYear> Attendance,
    IReadOnlyList<PupilProgress> Progress,
    StaffDirectory? Staff,
    MergeSummary Summary)
{
    /// <summary>The caseloads to store, when the export carries caseloads.csv.</summary>
    public CaseloadList? Caseloads { get; init; }

    /// <summary>The school's contacts sharing an address across families after the merge, when that differs from what is stored.</summary>
    public SharedAddressList? SharedAddresses { get; init; }

    /// <summary>The pupil-years whose late reasons the export changed (<see cref="LateReasonMerge"/>).</summary>
    public IReadOnlyList<LateReasonYear> LateReasons { get; init; } = [];

    /// <param name="state">The school as stored.</param>
    /// <param name="export">The export read.</param>
    /// <param name="schoolJson">The export's school.json to store, or null to keep the stored one.</param>
    /// <param name="exportedAt">When the export was made: the stamp of every mark it writes.</param>
    /// <param name="storedShared">The shared addresses the last import stored (null when none is stored), written again only if changed.</param>
    public static IngestPlan For(SchoolState state, SchoolExport export, string? schoolJson, DateTimeOffset exportedAt, SharedAddressList? storedShared)
    {
        var known = state.ToKnown();
        var (merged, summary) = ExportMerge.Apply(known, export, exportedAt);
        var linksByPupil = merged.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var inExport = export.Pupils.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var pupils = merged.Pupils.Values
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new PupilRecord(p, [.. LinksInOrder(linksByPupil[p.Id])]))
            .Where(p => !state.Pupils.TryGetValue(p.Pupil.Id, out var stored) || !Same(stored, p))
            .ToList();
        var contacts = merged.Contacts.Values.Where(c => !known.Contacts.TryGetValue(c.Id, out var before) || before != c).ToList();

        var texts = new DayTexts();
        var attendance = (export.Attendance?.ByPupil.Keys ?? []).Order(StringComparer.Ordinal)
            .SelectMany(id => merged.Attendance.Of(id) is { } marks ? AttendanceYearCodec.Encode(id, marks, texts) : [])
            .ToList();

        return new IngestPlan(
            schoolJson is null ? null : new StoredProfile(schoolJson, exportedAt),
            pupils,
            contacts,
            attendance,
            [.. ProgressOf(state, export, merged, inExport).Where(p => !state.Progress.TryGetValue(p.PupilId, out var stored) || !Same(stored, p))],
            export.Staff.Count > 0 ? new StaffDirectory(export.Staff, export.StaffRoles) : null,
            summary)
        {
            Caseloads = export.Caseloads is { } mentees ? new CaseloadList(CaseloadsOf(mentees, state.Caseloads, inExport)) : null,
            LateReasons = LateReasonMerge.Apply(state.LateReasons, export.Attendance, known.Attendance, exportedAt),
            SharedAddresses = Changed(storedShared, Reports.Routing.SharedAddresses.Find(merged.Contacts.Values, merged.ContactLinks)),
        };
    }

    /// <summary>The export's mentees, and the stored mentees of pupils the export does not list, in staff then pupil order.</summary>
    /// <remarks>
    /// caseloads.csv refuses a row whose pupil pupils.csv lacks: a pupils.csv cut short, or holding only its header,
    /// would otherwise empty the mentors' caseloads with it, and their weekly digests would stop without a word. A
    /// pupil the export lists is its caseloads' to give or take away.
    /// </remarks>
    private static List<Schools.Mentee> CaseloadsOf(IReadOnlyList<Schools.Mentee> exported, IReadOnlyList<Schools.Mentee> stored, HashSet<string> inExport) =>
        [.. exported.Concat(stored.Where(m => !inExport.Contains(m.PupilId))).Distinct()
            .OrderBy(m => m.StaffId, StringComparer.Ordinal).ThenBy(m => m.PupilId, StringComparer.Ordinal)];

    /// <summary>Every document the plan writes, for one commit; the school's profile first.</summary>
    public IReadOnlyList<Ports.DocumentWrite> Writes()
    {
        var writes = new List<Ports.DocumentWrite>(Pupils.Count + Contacts.Count + Attendance.Count + Progress.Count + 2);
        if (Profile is { } profile)
        {
            writes.Add(Ports.DocumentWrite.Of(DocumentTypes.Profile, DocumentTypes.Profile, profile));
        }

        writes.AddRange(Pupils.Select(p => Ports.DocumentWrite.Of(DocumentTypes.Pupil, p.Pupil.Id, p)));
        writes.AddRange(Contacts.Select(c => Ports.DocumentWrite.Of(DocumentTypes.Contact, c.Id, c)));
        writes.AddRange(Attendance.Select(a => Ports.DocumentWrite.Of(DocumentTypes.Attendance, AttendanceYearCodec.DocumentId(a.PupilId, new Schools.AcademicYear(a.Year)), a)));
        writes.AddRange(Progress.Select(p => Ports.DocumentWrite.Of(DocumentTypes.Progress, p.PupilId, p)));
        if (Staff is { } staff)
        {
            writes.Add(Ports.DocumentWrite.Of(DocumentTypes.Staff, DocumentTypes.Staff, staff));
        }

        if (Caseloads is { } caseloads)
        {
            writes.Add(Ports.DocumentWrite.Of(DocumentTypes.Caseloads, DocumentTypes.Caseloads, caseloads));
        }

        if (SharedAddresses is { } shared)
        {
            writes.Add(Ports.DocumentWrite.Of(DocumentTypes.SharedAddresses, DocumentTypes.SharedAddresses, shared));
        }

        writes.AddRange(LateReasons.Select(r => Ports.DocumentWrite.Of(DocumentTypes.LateReasons, LateReasonYear.DocumentId(r.PupilId, r.Year), r)));

        return writes;
    }

    /// <summary>The list to store, or null when the stored one says the same (a store that has none gets one, empty or not).</summary>
    private static SharedAddressList? Changed(SharedAddressList? stored, IReadOnlyDictionary<string, string> now) =>
        stored is not null && stored.SharedWith.Count == now.Count && now.All(s => stored.SharedWith.TryGetValue(s.Key, out var other) && other == s.Value)
            ? null
            : new SharedAddressList(new SortedDictionary<string, string>(now.ToDictionary(), StringComparer.Ordinal));

    /// <summary>Whether a pupil's record is as stored: a document that would be written unchanged is not written.</summary>
    private static bool Same(PupilRecord stored, PupilRecord now) => stored.Pupil == now.Pupil && stored.Links.SequenceEqual(now.Links);

    private static bool Same(PupilProgress stored, PupilProgress now) =>
        stored.Targets.SequenceEqual(now.Targets) && stored.Results.SequenceEqual(now.Results) && stored.Behaviour.SequenceEqual(now.Behaviour)
        && stored.Homework.SequenceEqual(now.Homework) && (stored.Interventions ?? []).SequenceEqual(now.Interventions ?? [])
        && (stored.Interventions is null) == (now.Interventions is null);

    /// <summary>A pupil's links in one order whatever order the set gave them (an MIS may link one contact twice, with two priorities).</summary>
    private static IEnumerable<Schools.ContactLink> LinksInOrder(IEnumerable<Schools.ContactLink> links) =>
        links.OrderBy(l => l.ContactId, StringComparer.Ordinal).ThenBy(l => l.Priority).ThenBy(l => l.Relationship, StringComparer.Ordinal)
            .ThenBy(l => l.ParentalResponsibility).ThenBy(l => l.ReceivesCorrespondence);

    /// <summary>A pupil's results in their document's order: by subject, then date, then point (subjects and points ordinal).</summary>
    /// <remarks>
    /// A pupil has one result per subject and point, so no two compare equal and an unstable sort gives the one order.
    /// Sorted in place with one comparison: the chained LINQ ordering made key arrays per pupil and was half of an
    /// import's planning time.
    /// </remarks>
    private static AssessmentResult[] InDocumentOrder(IEnumerable<AssessmentResult> results)
    {
        var sorted = results.ToArray();
        Array.Sort(sorted, static (a, b) =>
            string.CompareOrdinal(a.Subject, b.Subject) is not 0 and var bySubject ? bySubject
            : a.Date.CompareTo(b.Date) is not 0 and var byDate ? byDate
            : string.CompareOrdinal(a.Point, b.Point));
        return sorted;
    }

    private static List<PupilProgress> ProgressOf(SchoolState state, SchoolExport export, KnownSchool merged, HashSet<string> inExport)
    {
        bool Has(string file) => export.RecordsRead.TryGetValue(file, out var n) && n > 0;
        var targets = export.Targets.ToLookup(t => t.PupilId, StringComparer.Ordinal);
        var behaviour = export.Behaviour.ToLookup(b => b.PupilId, StringComparer.Ordinal);
        var homework = export.Homework.ToLookup(h => h.PupilId, StringComparer.Ordinal);
        var interventions = export.Interventions.ToLookup(i => i.PupilId, StringComparer.Ordinal);
        var results = merged.Assessments.Values.ToLookup(r => r.PupilId, StringComparer.Ordinal);
        return [.. inExport.Order(StringComparer.Ordinal).Select(id =>
        {
            var before = state.Progress.GetValueOrDefault(id);
            if (export.OlderThanStored && before is not null)
            {
                // An older export's lists are not the MIS's now: the newer export's stand (OlderExport); its results
                // merged above only add what the store lacked.
                return before with { Results = InDocumentOrder(results[id]) };
            }

            return new PupilProgress(
                id,
                Has("targets.csv") ? [.. targets[id]] : before?.Targets ?? [],
                InDocumentOrder(results[id]),
                Has("behaviour.csv") ? [.. behaviour[id]] : before?.Behaviour ?? [],
                Has("homework.csv") ? [.. homework[id]] : before?.Homework ?? [])
            {
                Interventions = Has("interventions.csv") ? [.. interventions[id].OrderBy(i => i.Start).ThenBy(i => i.Type, StringComparer.Ordinal)] : before?.Interventions,
            };
        })];
    }
}
