using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.AttendanceOfficer;

/// <summary>What the morning call list is made from: today's register for every pupil on roll, their contacts, and the reasons given for lateness.</summary>
/// <remarks>
/// <see cref="LateReason"/> gives the reason the MIS recorded for a late session, if any. <see cref="OpenInterventions"/>
/// marks the pupils who have one open today.
/// </remarks>
public sealed record CallListInput(
    string SchoolName,
    DateOnly Date,
    IReadOnlyList<PupilRegister> Registers,
    SchoolDirectory Directory,
    Func<string, SessionOfDay, string?> LateReason)
{
    public IReadOnlyDictionary<string, string> OpenInterventions { get; init; } = new Dictionary<string, string>();
}

/// <summary>One pupil to call about: who, which sessions are unexplained, whom to call in order, and the pupil's recent pattern.</summary>
public sealed record CallEntry(string PupilId, string Name, string Form, IReadOnlyList<SessionOfDay> Sessions, IReadOnlyList<string> Calls, int Restricted, string Pattern, string? OpenInterventions);

/// <summary>What the call list says, worked out once: the pupils to call, the late arrivals, and the pupils on roll with no mark today.</summary>
public sealed record CallListEntries(IReadOnlyList<CallEntry> Calls, IReadOnlyList<LateEntry> Late, IReadOnlyList<UnmarkedEntry> Unmarked);

/// <summary>One pupil on roll with no mark in either session today; <see cref="FormSize"/> is the pupils on roll in the form, to tell a register not taken from a pupil missing.</summary>
public sealed record UnmarkedEntry(string PupilId, string Name, string Form, int FormSize);

/// <summary>One late arrival today.</summary>
public sealed record LateEntry(string PupilId, string Name, string Form, SessionOfDay Session, AttendanceCode Code, int? MinutesLate, string? Reason);

/// <summary>The student support officer's morning call list: pupils absent today with no reason given (<c>N</c>), whom to call, and today's late arrivals.</summary>
/// <remarks>
/// Made once the morning register is in (the first check of the day that finds today's marks). The recent pattern is
/// measured to today: attendance over the last 4 school weeks against the year so far, the school days with an absence
/// among the last 10, and any weekday or session pattern (<see cref="AbsencePatterns"/>).
/// </remarks>
public static partial class CallList
{
    public const int RecentSchoolDays = 10;

    /// <summary>The pupils to call, the late arrivals, and the pupils on roll with no mark today: absent or not, the register cannot say.</summary>
    public static CallListEntries Entries(CallListInput input)
    {
        var calls = new List<CallEntry>();
        var late = new List<LateEntry>();
        var unmarked = new List<UnmarkedEntry>();
        var formSizes = input.Registers.CountBy(r => Form(input, r.PupilId)).ToDictionary(StringComparer.Ordinal);
        foreach (var register in input.Registers.InRollOrder(input.Directory, r => r.PupilId))
        {
            var marks = Enum.GetValues<SessionOfDay>().Select(s => (Session: s, Code: register.Mark(input.Date, s))).Where(m => m.Code is not null).ToList();
            if (marks.Count == 0)
            {
                var form = Form(input, register.PupilId);
                unmarked.Add(new UnmarkedEntry(register.PupilId, NameOf(input.Directory, register.PupilId), form, formSizes[form]));
            }

            var unexplained = marks.Where(m => m.Code == AttendanceCode.NotYetKnown).Select(m => m.Session).ToList();
            if (unexplained.Count > 0)
            {
                var (mayCall, restricted) = CallContacts.For(register.PupilId, input.Directory);
                calls.Add(new CallEntry(register.PupilId, NameOf(input.Directory, register.PupilId), Form(input, register.PupilId), unexplained,
                    [.. mayCall.Select((c, i) => $"{i + 1}. {CallContacts.Describe(c)}")], restricted, Pattern(register, input.Date),
                    input.OpenInterventions.GetValueOrDefault(register.PupilId)));
            }

            late.AddRange(marks.Where(m => m.Code!.Value.IsLate).Select(m => new LateEntry(register.PupilId, NameOf(input.Directory, register.PupilId), Form(input, register.PupilId),
                m.Session, m.Code!.Value, register.MinutesLate(input.Date, m.Session), input.LateReason(register.PupilId, m.Session))));
        }

        return new CallListEntries(calls, late, unmarked);
    }

    public static ReportDocument Build(CallListInput input) => Build(input, Entries(input));

    /// <summary>The list from <paramref name="entries"/> already worked out (<see cref="Entries"/>), so a decision that also writes the e-mail does it once.</summary>
    public static ReportDocument Build(CallListInput input, CallListEntries entries)
    {
        var (calls, late, unmarked) = entries;
        var noNumber = calls.Count(c => c.Calls.Count == 0 || c.Calls.All(line => line.EndsWith("no phone number in the MIS", StringComparison.Ordinal)));
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"Today's register, {Date(input.Date)}, for the {Count(input.Registers.Count)} pupils on roll: every pupil absent with no reason given yet (N), " +
                "with the contacts the school may call in the order to try them, and everyone who arrived late. Contacts the school must not contact are never listed."),
            new KeyFacts(
            [
                new KeyFact("To call (absent, no reason)", Pupils(calls.Count), calls.Count > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Of them, no number to call", Pupils(noNumber), noNumber > 0 ? Tone.Concern : Tone.Normal),
                new KeyFact("Late today", Pupils(late.Select(l => l.PupilId).Distinct(StringComparer.Ordinal).Count())),
                .. (unmarked.Count == 0 ? Array.Empty<KeyFact>() : [new KeyFact("No mark today", Pupils(unmarked.Count), Tone.Concern)]),
            ]),
            calls.Count == 0
                ? new Paragraph("Nobody is absent without a reason today.")
                : new TableBlock([Column("Pupil", 1.7), Column(RegistrationGroupHeading(input.Directory), 0.6), Column("Absent", 0.8), Column("Call, in this order", 3.4), Column("Recent pattern", 2.6)],
                    [.. calls.Select(c => new TableRow(
                        [
                            c.Name, c.Form, Sessions(c.Sessions), KeepNumbersWhole(CallsText(c)),
                            DigestRows.Marked(c.Pattern, c.OpenInterventions),
                        ],
                        c.Calls.Count == 0 ? Tone.Concern : Tone.Caution))],
                    $"Absent today, no reason given ({Count(calls.Count)})"),
            late.Count == 0
                ? new Paragraph("Nobody arrived late today.")
                : new TableBlock([Column("Pupil", 1.8), Column(RegistrationGroupHeading(input.Directory), 0.6), Column("Session", 0.7), Column("Mark", 2.2), Number("Minutes late", 0.9), Column("Reason given", 2)],
                    [.. late.Select(l => new TableRow(
                    [
                        l.Name, l.Form, Session(l.Session),
                        l.Code == AttendanceCode.LateAfterClose ? "U: after the register closed (unauthorised)" : "L: before the register closed",
                        l.MinutesLate is { } m ? Count(m) : "-", l.Reason ?? "None recorded",
                    ]))],
                    $"Late today ({Count(late.Count)})"),
        };
        if (unmarked.Count > 0)
        {
            blocks.Insert(2, new Paragraph(UnmarkedText(unmarked)));
        }

        return new ReportDocument($"Morning call list: {Date(input.Date)}", "Absent with no reason, and late arrivals", input.SchoolName, input.Date, blocks)
        {
            FileName = $"call-list-{input.Date:yyyy-MM-dd}.pdf",
        };
    }

    /// <summary>The lines of the e-mail: one per pupil to call, with the numbers, so the list can be worked from a phone.</summary>
    public static IReadOnlyList<string> EmailLines(CallListInput input) => EmailLines(Entries(input));

    public static IReadOnlyList<string> EmailLines(CallListEntries entries)
    {
        var (calls, late, unmarked) = entries;
        var lines = new List<string>
        {
            calls.Count == 0 ? "Nobody is absent without a reason today." : $"Absent today with no reason given ({Count(calls.Count)}):",
        };
        lines.AddRange(calls.Select(c => $"{c.Name} ({c.Form}), {Sessions(c.Sessions)}: {CallsText(c)}"));
        lines.Add(late.Count == 0 ? "Nobody arrived late today." : $"Late today ({Count(late.Count)}): "
            + string.Join("; ", late.Select(l => $"{l.Name} ({l.Form}) {Session(l.Session)} {l.Code}" + (l.MinutesLate is { } m ? $", {Count(m)} min" : "") + (l.Reason is { } r ? $", {r}" : ""))));
        if (unmarked.Count > 0)
        {
            lines.Add(UnmarkedText(unmarked));
        }

        return lines;
    }

    /// <summary>Names at most this many pupils with no mark; more than that is a register not taken or an export cut short, not a list to work through.</summary>
    public const int UnmarkedNamed = 30;

    /// <remarks>
    /// Said on the list itself: a pupil with no mark is on no list, and an officer reading "nobody is absent" would
    /// take it as the whole school. A form with no mark for anyone is named as a form (its register was not taken, or
    /// not exported); other pupils by name, form by form.
    /// </remarks>
    private static string UnmarkedText(IReadOnlyList<UnmarkedEntry> unmarked)
    {
        var who = unmarked.Count == 1 ? "1 pupil on roll has" : $"{Count(unmarked.Count)} pupils on roll have";
        var parts = new List<string>();
        var (named, rest) = (0, 0);
        foreach (var form in unmarked.GroupBy(u => u.Form, StringComparer.Ordinal))
        {
            var pupils = form.ToList();
            if (pupils.Count == pupils[0].FormSize && pupils.Count > 1)
            {
                parts.Add($"all {Count(pupils.Count)} of {(form.Key.Length == 0 ? "the pupils with no form" : form.Key)}");
                continue;
            }

            var take = Math.Min(pupils.Count, UnmarkedNamed - named);
            parts.AddRange(pupils.Take(take).Select(u => $"{u.Name} ({u.Form})"));
            (named, rest) = (named + take, rest + pupils.Count - take);
        }

        return $"{who} no mark for today in the MIS export, so this list cannot say whether they are absent: {string.Join(", ", parts)}{(rest > 0 ? $" and {Count(rest)} more" : "")}. " +
            "Check their registers were taken, that the export holds every pupil, and the last import report: it lists rows the import refused (a UPN given to two pupils, a bad code).";
    }

    private static string CallsText(CallEntry entry) =>
        (entry.Calls.Count == 0 ? "No contact the school may call is recorded" : string.Join("; ", entry.Calls))
        + (entry.Restricted == 0 ? "" : entry.Restricted == 1 ? ". 1 contact must not be contacted" : $". {entry.Restricted} contacts must not be contacted");

    /// <summary>Joins the groups of digits of a phone number with no-break spaces, so a number is never split across two lines of the PDF.</summary>
    private static string KeepNumbersWhole(string text) => PhoneGroups().Replace(text, m => m.Value.Replace(' ', '\u00A0'));

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+(?: \d+)+")]
    private static partial System.Text.RegularExpressions.Regex PhoneGroups();

    private static string Sessions(IReadOnlyList<SessionOfDay> sessions) => string.Join(" and ", sessions.Select(Session));

    private static string Pupils(int n) => n == 1 ? "1 pupil" : $"{Count(n)} pupils";

    private static string Form(CallListInput input, string pupilId) => input.Directory.Pupil(pupilId)?.RegistrationGroup ?? "";

    /// <summary>"attendance last 4 weeks 88.5% (this year 93.0%); absent on 3 of the last 10 school days; absent 4 of last 5 Friday PMs".</summary>
    private static string Pattern(PupilRegister register, DateOnly date)
    {
        var summary = AttendanceMeasures.Summarise(register, date, AttendanceRules.Default);
        var calendar = register.Calendar;
        var upTo = calendar.DaysUpTo(date);
        var days = Enumerable.Range(Math.Max(0, upTo - RecentSchoolDays), Math.Min(upTo, RecentSchoolDays))
            .Count(d => AttendanceMeasures.DayCounts(register, d) is { Absent: > 0 });
        var parts = new List<string>
        {
            $"attendance last 4 weeks {Percent(summary.Trend.Recent.AttendanceRate)} (this year {Percent(summary.YearToDate.AttendanceRate)})",
            $"absent on {days} of the last {Math.Min(upTo, RecentSchoolDays)} school days",
        };
        parts.AddRange(summary.Patterns.Select(p => p.Evidence));
        return string.Join("; ", parts);
    }
}
