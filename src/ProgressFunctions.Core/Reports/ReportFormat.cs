using System.Globalization;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports;

/// <summary>The display rules every report shares: tones, names, grades, counts and dates, in one place.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Attendance tone: 97% and above good, 95-97% normal, 90-95% caution, persistent (or severe) absence concern.</summary>
    public static Tone ToneOf(AttendanceBand? band) => band switch
    {
        AttendanceBand.Excellent => Tone.Good,
        AttendanceBand.AtRisk => Tone.Caution,
        AttendanceBand.Persistent or AttendanceBand.Severe => Tone.Concern,
        _ => Tone.Normal,
    };

    public static Tone ToneOf(ProgressBand? band) => band switch
    {
        ProgressBand.Above => Tone.Good,
        ProgressBand.Below => Tone.Caution,
        ProgressBand.WellBelow => Tone.Concern,
        _ => Tone.Normal,
    };

    public static string Percent(decimal? rate) => Percentages.Format(rate);

    public static string Count(int value) => value.ToString("N0", s_invariant);

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string Listed(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>"12 March 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", s_invariant);

    /// <summary>"12 Mar".</summary>
    public static string ShortDate(DateOnly date) => date.ToString("d MMM", s_invariant);

    /// <summary>"Autumn term 2025/26".</summary>
    public static string TermLabel(SnapshotKey key) => $"{key.Term} term {key.Year}";

    /// <summary>The period a report covers, as its pages, its file's name and its e-mail say it: "Autumn term 2025/26",
    /// or "Autumn term 2025/26 (start of term)" for a start-of-term snapshot.</summary>
    /// <remarks>A family gets a start-of-term and an end-of-term report in a term: with the term alone, the two e-mails
    /// had the same subject and their attachments the same names, so saving the second replaced the first.</remarks>
    public static string PeriodLabel(SnapshotKey key) => TermLabel(key) + (key.Point == SnapshotPoint.Start ? " (start of term)" : "");

    /// <summary>"2025-26-autumn", or "2025-26-autumn-start" for a start-of-term snapshot: the year, term and point part of file names.</summary>
    /// <remarks>
    /// A term's start and end reports are stored in the one term folder: without the point, the end-of-term report
    /// replaced the stored copy of the start-of-term one sent weeks before. End-of-term (and KS2 results) names are
    /// as they always were, so the reports already stored keep theirs.
    /// </remarks>
    public static string TermSlug(SnapshotKey key) =>
        string.Create(s_invariant, $"{key.Year.StartYear}-{(key.Year.StartYear + 1) % 100:00}-{key.Term.ToString().ToLowerInvariant()}{(key.Point == SnapshotPoint.Start ? "-start" : "")}");

    /// <summary>
    /// The name staff lists give a pupil: the display name, followed, only where another pupil of the school shares it,
    /// by the end of their UPN ("Sam Khan (UPN ending 0417)"), or the whole UPN when the ends are alike too; the pupil's
    /// id when the directory does not know them.
    /// </summary>
    /// <remarks>
    /// Told apart across the whole directory, not only among the pupils of one table: a persistent absence list that
    /// names one "Leo Müller, 10A" of two in that form leaves the attendance officer to guess which family to call, and
    /// a penalty notice could go to the wrong one. Names are compared ignoring case. The UPN is what the MIS finds a
    /// pupil by, and every staff report has it (a snapshot's directory, <see cref="TermSnapshot.Directory"/>, has no
    /// dates of birth), so a pupil is listed the same way in a daily digest and a term report. Parent reports and
    /// e-mails name a family's own children and do not use this.
    /// </remarks>
    public static string NameOf(SchoolDirectory directory, string pupilId) => directory.ListedName(pupilId);

    /// <summary>Each pupil's <see cref="NameOf"/>, by id.</summary>
    public static IReadOnlyDictionary<string, string> NamesOf(SchoolDirectory directory, IEnumerable<string> pupilIds) =>
        pupilIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => NameOf(directory, id), StringComparer.Ordinal);

    /// <summary>The listed name of each pupil whose display name another of <paramref name="pupils"/> shares (<see cref="NameOf"/>); others are not in it.</summary>
    internal static Dictionary<string, string> TellApart(IEnumerable<Pupil> pupils)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var same in pupils.GroupBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.ToList()))
        {
            var byUpnEnd = Distinct(same, p => Tail(p.Upn));
            var byUpn = Distinct(same, p => p.Upn);
            foreach (var pupil in same)
            {
                names[pupil.Id] = byUpnEnd ? $"{pupil.DisplayName} (UPN ending {Tail(pupil.Upn)})"
                    : byUpn ? $"{pupil.DisplayName} (UPN {pupil.Upn})"
                    : $"{pupil.DisplayName} ({pupil.Id})";
            }
        }

        return names;

        static string Tail(string upn) => upn.Length <= 4 ? upn : upn[^4..];
        static bool Distinct(List<Pupil> same, Func<Pupil, string> key) =>
            same.All(p => !string.IsNullOrWhiteSpace(p.Upn)) && same.Select(key).Distinct(StringComparer.OrdinalIgnoreCase).Count() == same.Count;
    }

    public static string YearLabel(int yearGroup) => yearGroup == 0 ? "Reception" : string.Create(s_invariant, $"Year {yearGroup}");

    /// <summary>What schools call a pupil's registration group: "class" from Reception to Year 6, "form" from Year 7.</summary>
    /// <remarks>By the pupil's year, not the school's phase, so an all-through school's Year 4 is in a class and its Year 8 in a form.</remarks>
    public static string RegistrationGroupWord(int yearGroup) => yearGroup <= 6 ? "class" : "form";

    /// <summary>The heading of a column of registration groups: "Class" when every pupil listed is in Reception to Year 6, else "Form".</summary>
    /// <remarks>No pupil listed gives "Form": nothing says the school is a primary.</remarks>
    public static string RegistrationGroupHeading(IEnumerable<int> yearGroups)
    {
        var any = false;
        foreach (var year in yearGroups)
        {
            if (RegistrationGroupWord(year) == "form")
            {
                return "Form";
            }

            any = true;
        }

        return any ? "Class" : "Form";
    }

    /// <summary>The heading for a school-wide list: "Class" in a school whose pupils are all in Reception to Year 6, else "Form".</summary>
    public static string RegistrationGroupHeading(SchoolDirectory directory) => RegistrationGroupHeading(directory.Pupils.Select(p => p.YearGroup));

    public static string SenLabel(SenStatus sen) => sen switch
    {
        SenStatus.Support => "SEN support",
        SenStatus.Ehcp => "EHC plan",
        _ => "None",
    };

    public static string Label(ProgressBand? band) => band?.Label() ?? "No result yet";

    /// <summary>A subject's change since the previous snapshot: "No new result" when it has none since, "First result" when the previous snapshot had none, else as <see cref="Change(decimal?)"/>.</summary>
    public static string Change(Progress.Snapshots.SubjectSnapshot subject) =>
        subject.NotAssessedSinceLast ? "No new result" : subject.FirstResultSinceLast ? "First result" : Change(subject.ChangeSinceLast);

    /// <summary>A change in scale points: "+1", "-0.5", "No change", "-" when unknown.</summary>
    public static string Change(decimal? points) => points switch
    {
        null => "-",
        0m => "No change",
        > 0m => "+" + Points(points.Value),
        _ => "-" + Points(-points.Value),
    };

    /// <summary>An average per pupil, one decimal place always, half-up ("1.0", "0.6"): in a column of them, "1" beside "1.8" read as a count.</summary>
    public static string PerPupil(decimal value) => Percentages.RoundHalfUp(value, 1).ToString("0.0", s_invariant);

    /// <summary>Up to one decimal place, half-up, trailing zero dropped ("1", "0.5").</summary>
    public static string Points(decimal value) => Percentages.RoundHalfUp(value, 1).ToString("0.#", s_invariant);

    /// <summary>The note every report prints under a table or chart holding a default target.</summary>
    public const string DefaultTargetNote = "* Target is an estimate from DfE transition matrices (Key Stage 2 to Key Stage 4): the school has not set one in this subject.";

    /// <summary>A target grade as reports print it: a default target marked with " *" (see <see cref="DefaultTargetNote"/>).</summary>
    public static string TargetText(SubjectSnapshot subject) =>
        subject.TargetGrade + (subject.TargetSource == TargetSource.DfeTransitionMatrix ? " *" : "");

    /// <summary>The default-target note, when any of <paramref name="subjects"/> has a default target.</summary>
    /// <param name="subjects">The subjects the table or chart shows.</param>
    /// <param name="note">The note's words: <see cref="DefaultTargetNote"/> for staff, plainer ones for families.</param>
    public static IEnumerable<ReportBlock> DefaultTargetNoteFor(IEnumerable<SubjectSnapshot> subjects, string note = DefaultTargetNote) =>
        subjects.Any(s => s.TargetSource == TargetSource.DfeTransitionMatrix) ? [new Paragraph(note, Small: true)] : [];

    /// <summary>Late sessions, with the minutes late when the MIS gave them: "3 sessions, 42 min".</summary>
    public static string Late(int sessions, int? minutes) =>
        (sessions == 1 ? "1 session" : $"{Count(sessions)} sessions") + (minutes is > 0 ? $", {Count(minutes.Value)} min" : "");

    /// <summary>Why a subject counts as not making expected progress, in words.</summary>
    public static string Reason(ProgressConcern concerns) => concerns switch
    {
        ProgressConcern.None => "",
        ProgressConcern.BelowAtLatestPoint => "Below the expected grade",
        ProgressConcern.FallingTwoPointsInARow => "Fallen at two points in a row",
        _ => "Below the expected grade and fallen at two points in a row",
    };

    /// <summary>Axis labels for a bar chart of grade values: the grade at each whole value from 0 to the top, "" where none.</summary>
    public static IReadOnlyList<string> AxisLabels(GradeScale scale)
    {
        var byValue = scale.Grades.ToDictionary(g => scale.ValueOf(g), g => g);
        return [.. Enumerable.Range(0, (int)scale.Highest + 1).Select(v => byValue.GetValueOrDefault(v, ""))];
    }

    /// <summary>A file-name-safe form of an id: letters, digits, '-' and '_' kept, anything else '_'.</summary>
    public static string SafeFilePart(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    /// <summary>A person's name as part of an attachment's name: letters of any alphabet, digits, spaces, hyphens and
    /// apostrophes kept (Zoë O'Brien-Ó Súilleabháin stays as written); anything a file system or mail client may refuse becomes _.</summary>
    public static string SafeAttachmentName(string value) =>
        string.Concat(value.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '\'' or '.' ? c : '_')).Trim(' ', '.');

    /// <summary>"AM" or "PM".</summary>
    public static string Session(SessionOfDay session) => session == SessionOfDay.Am ? "AM" : "PM";

    /// <summary>Pupils (or rows about them) by name as staff read it (<see cref="Schools.PersonName.Order"/>), then by id so the order is total.</summary>
    public static IOrderedEnumerable<T> InPupilNameOrder<T>(this IEnumerable<T> items, Func<T, string?> name, Func<T, string> pupilId) =>
        items.OrderBy(name, Schools.PersonName.Order).ThenBy(pupilId, StringComparer.Ordinal);

    /// <summary><see cref="InPupilNameOrder"/> after an earlier key (year group, form, severity).</summary>
    public static IOrderedEnumerable<T> ThenByPupilName<T>(this IOrderedEnumerable<T> items, Func<T, string?> name, Func<T, string> pupilId) =>
        items.ThenBy(name, Schools.PersonName.Order).ThenBy(pupilId, StringComparer.Ordinal);

    /// <summary>Pupils (or rows about them) as a register is read: year group (7 before 10), then form, then name; pupils not in the directory last.</summary>
    public static IOrderedEnumerable<T> InRollOrder<T>(this IEnumerable<T> items, SchoolDirectory directory, Func<T, string> pupilId) =>
        items.OrderBy(i => directory.Pupil(pupilId(i))?.YearGroup ?? int.MaxValue)
            .ThenBy(i => directory.Pupil(pupilId(i))?.RegistrationGroup ?? "", StringComparer.Ordinal)
            .ThenByPupilName(i => NameOf(directory, pupilId(i)), pupilId);

    /// <summary>Group names in the order people expect: "7Ma1" before "10Ma1" and "7Ma2" before "7Ma10" (<see cref="GroupNames.Order"/>), named groups last.</summary>
    public static IOrderedEnumerable<T> InGroupOrder<T>(this IEnumerable<T> items, Func<T, string> name) =>
        items.OrderBy(i => GroupNames.LeadingNumber(name(i))).ThenBy(name, GroupNames.Order);

    public static TableColumn Column(string header, double weight = 1, Align align = Align.Left) => new(header, weight, align);

    public static TableColumn Number(string header, double weight = 1) => new(header, weight, Align.Right);
}
