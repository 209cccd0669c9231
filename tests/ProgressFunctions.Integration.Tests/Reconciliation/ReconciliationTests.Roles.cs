using System.Globalization;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Reports.WholeSchool;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>
/// The figures of the role reports, recounted from the export rows by the test's own arithmetic: pupil groups and the
/// disadvantage gap (with its interval), intervention impact, the mentors' weekly digests, the morning call list and
/// the weekly statutory summary; and who each of them went to.
/// </summary>
public sealed partial class ReconciliationTests
{
    private static readonly Dictionary<ReconciledSchool, RoleRows> s_roleRows = [];

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task PupilGroups_EveryGroupsFiguresAndTheDisadvantageGap_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var asOf = school.Snapshot.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var whole = WholeSchoolReport.Build(new WholeSchoolReportInput(school.Export.SchoolName, asOf, school.Snapshot));
        AssertGroups(school, rows, whole, school.Pdf("-whole-school.pdf"), onRoll, withYears: true);
        foreach (var year in onRoll.GroupBy(p => p.Year))
        {
            var model = YearGroupReport.Build(new YearGroupReportInput(school.Export.SchoolName, asOf, school.Snapshot, year.Key, school.Directory));
            AssertGroups(school, rows, model, school.Pdf($"-year-{year.Key}.pdf"), [.. year], withYears: false);
        }
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Interventions_ImpactByTypeInTheYearAndSenReports_MatchesTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var asOf = school.Snapshot.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var checkedTypes = 0;
        foreach (var year in onRoll.GroupBy(p => p.Year))
        {
            var model = YearGroupReport.Build(new YearGroupReportInput(school.Export.SchoolName, asOf, school.Snapshot, year.Key, school.Directory));
            checkedTypes += AssertImpact(school, rows, model, school.Pdf($"-year-{year.Key}.pdf"), [.. year]);
        }

        var sen = SenReport.Build(new SenReportInput(school.Export.SchoolName, asOf, school.Snapshot, school.Directory));
        checkedTypes += AssertImpact(school, rows, sen, school.Pdf("-sen.pdf"), [.. onRoll.Where(p => p.Sen != "N")]);
        Assert.True(checkedTypes > 0, "no intervention type was compared");
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task MentorDigest_EachMenteesWeek_MatchesTheExportAndNamesNoOtherPupil(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var week = await WeekOf(school);
        var term = TermOf(school, week.End);
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(week.End)).ToList();
        var byUpn = onRoll.ToDictionary(p => p.Upn, StringComparer.Ordinal);
        var mentors = school.Export.StaffRoles.Where(r => r.Role == "ProgressMentor").Select(r => r.StaffId).ToHashSet(StringComparer.Ordinal);
        var digests = 0;
        foreach (var caseload in rows.Caseloads.Where(c => byUpn.ContainsKey(c.Upn)).GroupBy(c => c.StaffId))
        {
            Assert.Contains(caseload.Key, mentors);
            var mentees = caseload.Select(c => byUpn[c.Upn]).DistinctBy(p => p.Upn).ToList();
            var pdf = school.Pdf($"/{caseload.Key}/mentor-digest-{week.Start:yyyy-MM-dd}.pdf");
            foreach (var pupil in mentees)
            {
                var marks = school.Export.MarksByUpn[pupil.Upn];
                var (inWeek, inYear) = (Count(marks, week.Start, week.End), Count(marks, YearStart(week.End), week.End));
                AssertNear(pdf, [pupil.Listed, pupil.Form, AttendancePercent(inWeek), Number(inWeek.Absent), AttendancePercent(inYear), Number(inWeek.Late), Number(inYear.Late)]);
                int Behaviour(DateOnly from) => -rows.BehaviourByUpn[pupil.Upn].Where(b => b.Points < 0 && b.Date >= from && b.Date <= week.End).Sum(b => b.Points);
                int Missing(DateOnly from) => rows.HomeworkByUpn[pupil.Upn].Count(h => h.Status == "missing" && h.Due >= from && h.Due <= week.End);
                AssertNear(pdf, [pupil.Listed, Number(Behaviour(week.Start)), Number(Behaviour(term.Start)), Number(Missing(week.Start)), Number(Missing(term.Start))]);
            }

            var open = mentees.Count(p => rows.Interventions.Any(i => i.Upn == p.Upn && i.OpenOn(week.End)));
            AssertNear(pdf, ["Mentees", Number(mentees.Count)]);
            AssertNear(pdf, ["With an open intervention", Number(open)]);
            var theirs = mentees.Select(p => p.Listed).ToHashSet(StringComparer.Ordinal);
            foreach (var other in onRoll.Where(p => !theirs.Contains(p.Listed)))
            {
                Assert.False(ContainsListed(pdf, other), $"{caseload.Key}'s digest names {other.Listed}, who is not their mentee");
            }

            digests++;
        }

        Assert.True(digests >= 2, $"only {digests} mentor digests were checked");
        Assert.Equal(digests, school.PdfText.Keys.Count(k => k.EndsWith($"/mentor-digest-{week.Start:yyyy-MM-dd}.pdf", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task CallList_AbsentWithNoReasonAndLateToday_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var today = school.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(today)).ToList();
        var registers = school.State.Registers(school.State.Calendar!);
        var input = new CallListInput(school.Export.SchoolName, today, [.. school.State.OnRoll(today).Select(p => registers[p.Id])], school.Directory,
            (pupil, session) => school.State.LateReasonFor(pupil, today, session));
        var (calls, late, _) = CallList.Entries(input);
        var pdf = school.Pdf($"/call-list-{today:yyyy-MM-dd}.pdf");

        var expectedCalls = onRoll.Select(p => (Pupil: p, Sessions: school.Export.MarksByUpn[p.Upn].Where(m => m.Date == today && m.Code == "N").Select(m => m.Session).Order(StringComparer.Ordinal).ToList()))
            .Where(x => x.Sessions.Count > 0).ToList();
        Assert.NotEmpty(expectedCalls);
        Assert.Equal(expectedCalls.Select(x => x.Pupil.Id).Order(StringComparer.Ordinal), calls.Select(c => c.PupilId).Order(StringComparer.Ordinal));
        foreach (var (pupil, sessions) in expectedCalls)
        {
            var contacts = rows.ContactsByUpn[pupil.Upn].ToList();
            var restricted = contacts.Where(c => c.Restriction.Length > 0).Select(c => c.ContactId).ToHashSet(StringComparer.Ordinal);
            string[] lines = [.. contacts.Where(c => !restricted.Contains(c.ContactId)).OrderBy(c => c.Priority).ThenBy(c => c.ContactId, StringComparer.Ordinal)
                .DistinctBy(c => c.ContactId).Select((c, i) => $"{i + 1}. {string.Join(' ', new[] { c.Title, c.Forename, c.Surname }.Where(p => p.Length > 0))} ({c.Relationship}{(c.ParentalResponsibility ? "" : ", no parental responsibility")}) {(c.Phone.Length == 0 ? "no phone number in the MIS" : c.Phone)}")];
            var entry = calls.Single(c => c.PupilId == pupil.Id);
            Assert.Equal(lines, entry.Calls);
            Assert.Equal(restricted.Count, entry.Restricted);
            AssertNear(pdf, [pupil.Listed, pupil.Form, string.Join(" and ", sessions)]);
            Assert.All(contacts.Where(c => c.Phone.Length > 0), c => Assert.Equal(!restricted.Contains(c.ContactId), Plain(pdf).Contains(c.Phone, StringComparison.Ordinal)));
        }

        var expectedLate = onRoll.SelectMany(p => school.Export.MarksByUpn[p.Upn].Where(m => m.Date == today && m.Code is "L" or "U")
            .Select(m => (Pupil: p, Mark: m, Reason: rows.LateReasons.GetValueOrDefault((p.Upn, today, m.Session))))).ToList();
        Assert.Equal(expectedLate.Select(l => (l.Pupil.Id, l.Mark.Session, l.Mark.Code, l.Mark.MinutesLate, l.Reason)).Order(),
            late.Select(l => (l.PupilId, l.Session == Core.Attendance.SessionOfDay.Am ? "AM" : "PM", l.Code.Code, l.MinutesLate, l.Reason)).Order());
        foreach (var (pupil, mark, reason) in expectedLate)
        {
            AssertNear(pdf, [pupil.Listed, pupil.Form, mark.Session]);
            AssertNear(pdf, [mark.MinutesLate is { } m ? Number(m) : "-", .. (reason ?? "None recorded").Split(' ')]);
        }

        AssertNear(pdf, ["To call (absent, no reason)", Pupils(expectedCalls.Count)]);
        AssertNear(pdf, ["Late today", Pupils(expectedLate.Select(l => l.Pupil.Upn).Distinct().Count())]);
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task WeeklySummary_PenaltyThresholdAndContinuousAbsence_MatchTheExport(SchoolPhase phase) =>
        await AssertWeeklySummaryAsync(await schools.For(phase));

    /// <summary>The weekly summary's penalty-threshold and continuous-absence lists, in the sent PDF and the model, recounted for the whole school.</summary>
    private static async Task AssertWeeklySummaryAsync(ReconciledSchool school)
    {
        var week = await WeekOf(school);
        var measured = week.End;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(measured)).ToList();
        var days = RolesOf(school).SchoolDays.Where(d => d >= YearStart(measured) && d <= measured).ToList();
        var mondays = days.Select(Monday).Distinct().TakeLast(10).ToList();
        var pdf = school.Pdf($"/weekly-summary-{week.Start:yyyy-MM-dd}.pdf");

        // A child's absence counts towards a penalty notice only from compulsory school age (a Reception child may not be of it).
        DateOnly From(PupilRow p) => PenaltyWindowFrom(p, mondays[0]);
        var penalty = onRoll.Select(p => (Pupil: p, Sessions: Count(school.Export.MarksByUpn[p.Upn], From(p), measured).Unauthorised)).Where(x => x.Sessions >= 10).ToList();
        foreach (var (pupil, sessions) in penalty)
        {
            AssertNear(pdf, [pupil.Listed, pupil.Form, Number(sessions), Short(From(pupil)), "to", Short(measured)]);
        }

        var spells = onRoll.SelectMany(p => Spells(school.Export.MarksByUpn[p.Upn], days).Where(s => s.Days >= 10 && s.Last >= week.Start)
            .Select(s => (Pupil: p, Spell: s, Notify: DaysWithoutPermission(school.Export.MarksByUpn[p.Upn], s, days) >= 10))).ToList();
        foreach (var (pupil, spell, _) in spells)
        {
            AssertNear(pdf, [pupil.Listed, pupil.Form, Short(spell.First), Short(spell.Last), Number(spell.Days), Number(spell.Sessions)]);
        }

        var (inWeek, inYear) = (Group(onRoll.Select(p => Count(school.Export.MarksByUpn[p.Upn], week.Start, measured))), Group(onRoll.Select(p => Count(school.Export.MarksByUpn[p.Upn], YearStart(measured), measured))));
        AssertNear(pdf, ["Attendance this week (whole school)", AttendancePercent(inWeek.Total), AttendancePercent(inYear.Total), Number(penalty.Count), Number(spells.Count(s => s.Notify)), Number(spells.Count(s => !s.Notify))]);
        AssertNear(pdf, ["Still absent", Number(spells.Count(s => s.Spell.Last == days[^1]))]);

        var registers = school.State.Registers(school.State.Calendar!);
        var (penaltyModel, continuousModel) = WeeklySummary.Lists(new WeeklySummaryInput(school.Export.SchoolName, Monday(measured), week,
            [.. school.State.OnRoll(measured).Select(p => registers[p.Id])], school.Directory));
        Assert.Equal(penalty.Select(x => (x.Pupil.Id, x.Sessions, From(x.Pupil))).Order(), penaltyModel.Select(c => (c.PupilId, c.Count.UnauthorisedSessions, c.Count.WindowStart)).Order());
        Assert.Equal(spells.Select(x => (x.Pupil.Id, x.Spell.First, x.Spell.Last, x.Spell.Days, x.Spell.Sessions, x.Notify)).Order(),
            continuousModel.Select(c => (c.PupilId, c.Spell.First, c.Spell.Last, c.Spell.SchoolDays, c.Spell.Sessions, WeeklySummaryInput.ToNotify(c))).Order());
        Assert.True(penalty.Count + spells.Count > 0, "the generated school has nobody on either list, so nothing was compared");
    }

    /// <remarks>
    /// Read from the e-mails the jobs sent (the outbox's MIME files, by MimeKit) against staff.csv's own rows: each kind
    /// of message reaches only holders of the roles that may read it; the pupils named in each year group's and the SEN
    /// report's intervention tables are that report's pupils; the governors' report names nobody.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Phases))]
    public async Task RoleMessages_GoOnlyToTheRolesThatMayReadThem(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var week = await WeekOf(school);
        var rolesOf = school.Export.StaffRoles.ToLookup(r => r.StaffId, r => r.Role.Split(':')[0], StringComparer.Ordinal);
        var sent = System.IO.Directory.GetFiles(school.Jobs.OutboxDirectory, "*.eml", SearchOption.AllDirectories)
            .Select(f => (Kind: Path.GetFileName(f).Split('.')[0], Message: MimeKit.MimeMessage.Load(f)))
            .SelectMany(m => m.Message.To.Mailboxes.Select(to => (m.Kind, StaffId: rows.StaffByEmail.GetValueOrDefault(to.Address.ToLowerInvariant())))).ToList();
        (string Kind, string[] Roles)[] allowed =
        [
            ("CallList", ["AttendanceOfficer"]), ("WeeklySummary", ["AttendanceOfficer", "Headteacher"]),
            ("MentorDigest", ["ProgressMentor"]), ("Governors", ["Governor", "Headteacher"]),
            ("Sen", ["Senco"]),
        ];
        foreach (var (kind, roles) in allowed)
        {
            var to = sent.Where(s => s.Kind == kind).ToList();
            Assert.True(kind is "Governors" or "Sen" || to.Count > 0, $"no {kind} message was sent");
            Assert.All(to, s => Assert.True(s.StaffId is not null && rolesOf[s.StaffId].Intersect(roles).Any(), $"{kind} went to {s.StaffId ?? "someone not on the staff"}, who is not {string.Join(" or ", roles)}"));
        }

        string[] mentorsWithMentees = [.. rows.Caseloads.Where(c => school.Export.Pupils.Any(p => p.Upn == c.Upn && p.OnRoll(week.End))).Select(c => c.StaffId).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(mentorsWithMentees, sent.Where(s => s.Kind == "MentorDigest").Select(s => s.StaffId!).Order(StringComparer.Ordinal));

        var asOf = school.Snapshot.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        string[] Named(ReportDocument report) => [.. report.Blocks.OfType<TableBlock>().Where(t => t.Caption == "Each pupil's interventions").SelectMany(t => t.Rows).Select(r => r.Cells[0]).Distinct()];
        var named = 0;
        foreach (var year in onRoll.GroupBy(p => p.Year))
        {
            var report = YearGroupReport.Build(new YearGroupReportInput(school.Export.SchoolName, asOf, school.Snapshot, year.Key, school.Directory));
            Assert.All(Named(report), name => Assert.Contains(name, year.Select(p => p.Listed)));
            named += Named(report).Length;
        }

        Assert.True(named > 0, "no year group report names a pupil on an intervention");

        var sen = SenReport.Build(new SenReportInput(school.Export.SchoolName, asOf, school.Snapshot, school.Directory));
        Assert.All(Named(sen), name => Assert.Contains(name, onRoll.Where(p => p.Sen != "N").Select(p => p.Listed)));
        if (school.PdfOrNull("-governors.pdf") is { } governors)
        {
            Assert.All(school.Export.Pupils, p => Assert.False(ContainsName(governors, p.Name), $"the governors' report names {p.Name}"));
        }
    }

    /// <summary>The pupil-group tables and the gap table of one report, recounted for <paramref name="pupils"/>.</summary>
    private static void AssertGroups(ReconciledSchool school, RoleRows rows, ReportDocument model, string pdf, IReadOnlyList<PupilRow> pupils, bool withYears)
    {
        var asOf = school.Snapshot.AsOf;
        var term = TermOf(school, asOf);
        TraitsRow T(PupilRow p) => rows.Traits[p.Upn];
        var dimensions = new List<(string Title, (string Label, Func<PupilRow, bool> In)[] Groups)>
        {
            ("Disadvantaged (FSM, pupil premium or looked after)", [("Disadvantaged", p => T(p).Disadvantaged), ("Not disadvantaged", p => !T(p).Disadvantaged)]),
            ("Special educational needs", [("No SEN", p => p.Sen == "N"), ("SEN support (K)", p => p.Sen == "K"), ("EHC plan (E)", p => p.Sen == "E")]),
            ("English as an additional language", [("EAL", p => T(p).Eal), ("Not EAL", p => !T(p).Eal)]),
            ("Looked after", [("Looked after", p => T(p).LookedAfter), ("Not looked after", p => !T(p).LookedAfter)]),
            ("Gender", [("Girls", p => T(p).Gender == "F"), ("Boys", p => T(p).Gender == "M")]),
        };
        if (withYears)
        {
            dimensions.Add(("Year group", [.. pupils.Select(p => p.Year).Distinct().Order().Select(y => (y == 0 ? "Reception" : $"Year {y}", (Func<PupilRow, bool>)(p => p.Year == y)))]));
        }

        int BehaviourPoints(PupilRow p) => -rows.BehaviourByUpn[p.Upn].Where(b => b.Points < 0 && b.Date >= term.Start && b.Date <= asOf && b.Date <= term.End).Sum(b => b.Points);
        foreach (var (title, definitions) in dimensions)
        {
            var groups = definitions.Select(d => (d.Label, Pupils: pupils.Where(d.In).ToList())).Where(g => g.Pupils.Count > 0).ToList();
            Assert.Equal(pupils.Count, groups.Sum(g => g.Pupils.Count));
            var hidden = groups.Where(g => g.Pupils.Count < 5).Select(g => g.Label).ToHashSet(StringComparer.Ordinal);
            if (hidden.Count == 1)
            {
                hidden.Add(groups.Where(g => !hidden.Contains(g.Label)).MinBy(g => g.Pupils.Count).Label);
            }

            var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == title);
            Assert.Equal(groups.Select(g => g.Label), table.Rows.Select(r => r.Cells[0]));
            foreach (var (label, members) in groups)
            {
                var row = table.Rows.Single(r => r.Cells[0] == label).Cells;
                if (hidden.Contains(label))
                {
                    string[] hiddenRow = [label, .. Enumerable.Repeat("c", 7)];
                    Assert.Equal(hiddenRow, row);
                    AssertNear(pdf, hiddenRow);
                    continue;
                }

                var (count, total, persistent, severe) = Group(members.Select(p => YearToDate(school, p, asOf)));
                // Results on track or above: subject entries with a result; needs attention: pupils with a result in any subject.
                var bands = members.Select(p => BandsOf(school, p, asOf)).ToList();
                var (entries, onTrack) = (bands.Sum(b => b.Count), bands.Sum(b => b.Count(x => x.Band is "On track" or "Above")));
                var (withResults, flagged) = (bands.Count(b => b.Count > 0), bands.Count(Flagged));
                string[] expected =
                [
                    label, Number(members.Count), AttendancePercent(total), $"{Number(persistent)} ({Percent(persistent, count)})", $"{Number(severe)} ({Percent(severe, count)})",
                    entries == 0 ? "No results" : Percent(onTrack, entries), withResults == 0 ? "No results" : $"{Number(flagged)} ({Percent(flagged, withResults)})",
                    OneDecimal((decimal)members.Sum(BehaviourPoints) / members.Count),
                ];
                Assert.Equal(expected, row);
                AssertNear(pdf, expected);
            }

            Assert.Contains(hidden.Count == 0 ? "" : "c: suppressed. Figures for a group of fewer than 5 pupils are not shown", pdf, StringComparison.Ordinal);
        }

        AssertGap(school, rows, model, pdf, pupils, BehaviourPoints);
    }

    /// <summary>The disadvantage gap: attendance (ratio estimator), persistent and severe absence and needing attention (Wald), behaviour points (Welch), each recounted with its 95% interval.</summary>
    private static void AssertGap(ReconciledSchool school, RoleRows rows, ReportDocument model, string pdf, IReadOnlyList<PupilRow> pupils, Func<PupilRow, int> behaviour)
    {
        const double Z = 1.959963984540054;
        var asOf = school.Snapshot.AsOf;
        var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == "The disadvantage gap");
        var split = pupils.GroupBy(p => rows.Traits[p.Upn].Disadvantaged).ToDictionary(g => g.Key, g => g.ToList());
        var (dis, oth) = (split.GetValueOrDefault(true) ?? [], split.GetValueOrDefault(false) ?? []);
        var (disSessions, othSessions) = (dis.Select(p => YearToDate(school, p, asOf)).Where(s => s.Possible > 0).ToList(), oth.Select(p => YearToDate(school, p, asOf)).Where(s => s.Possible > 0).ToList());

        static (decimal Rate, double Variance) Ratio(List<Sessions> group)
        {
            var (attended, possible) = (group.Sum(s => (long)s.Attended), group.Sum(s => (long)s.Possible));
            var r = (double)attended / possible;
            return (attended * 100m / possible, group.Count / (group.Count - 1.0) * group.Sum(s => Math.Pow(s.Attended - (r * s.Possible), 2)) / ((double)possible * possible));
        }

        static (decimal Rate, double Variance) Share(int hits, int n) => (hits * 100m / n, (double)hits / n * (1 - ((double)hits / n)) / n);

        string[] Row(string measure, bool suppressed, Func<(decimal A, decimal B, double Se)> figures, Func<decimal, string> show)
        {
            if (suppressed)
            {
                return [measure, "c", "c", "c", "c"];
            }

            var (a, b, se) = figures();
            var gap = a - b;
            // The printed gap is the difference of the two printed figures (each rounded half-up); the interval is about the exact gap.
            var printed = Math.Round(a, 1, MidpointRounding.AwayFromZero) - Math.Round(b, 1, MidpointRounding.AwayFromZero);
            // With a standard error of 0 (everyone or nobody in both groups) there is no interval to give.
            return [measure, show(a), show(b), Signed(printed), se == 0 ? "-" : $"{Signed((decimal)((double)gap - (Z * se)))} to {Signed((decimal)((double)gap + (Z * se)))}"];
        }

        var small = disSessions.Count < 5 || othSessions.Count < 5;
        // Needing attention is a share of the pupils with a result in any subject.
        List<bool> Flags(List<PupilRow> group) => [.. group.Select(p => BandsOf(school, p, asOf)).Where(b => b.Count > 0).Select(Flagged)];
        var (disFlags, othFlags) = (Flags(dis), Flags(oth));
        string[][] expected =
        [
            Row("Attendance", small, () => (Ratio(disSessions), Ratio(othSessions)) is var (x, y) ? (x.Rate, y.Rate, 100 * Math.Sqrt(x.Variance + y.Variance)) : default, Pct),
            Row("Persistent absence", small, () => (Share(disSessions.Count(s => s.Persistent), disSessions.Count), Share(othSessions.Count(s => s.Persistent), othSessions.Count)) is var (x, y)
                ? (x.Rate, y.Rate, 100 * Math.Sqrt(x.Variance + y.Variance)) : default, Pct),
            Row("Severe absence", small, () => (Share(disSessions.Count(s => s.Severe), disSessions.Count), Share(othSessions.Count(s => s.Severe), othSessions.Count)) is var (x, y)
                ? (x.Rate, y.Rate, 100 * Math.Sqrt(x.Variance + y.Variance)) : default, Pct),
            Row("Needs attention for progress", disFlags.Count < 5 || othFlags.Count < 5, () => (Share(disFlags.Count(f => f), disFlags.Count), Share(othFlags.Count(f => f), othFlags.Count)) is var (x, y)
                ? (x.Rate, y.Rate, 100 * Math.Sqrt(x.Variance + y.Variance)) : default, Pct),
            Row("Behaviour points per pupil", dis.Count < 5 || oth.Count < 5, () => (Mean(dis.Select(behaviour).ToList()), Mean(oth.Select(behaviour).ToList())) is var (x, y)
                ? (x.Mean, y.Mean, Math.Sqrt(x.Variance + y.Variance)) : default, OneDecimal),
        ];
        Assert.Equal(expected.Select(r => r[0]), table.Rows.Select(r => r.Cells[0]));
        foreach (var row in expected)
        {
            Assert.Equal(row, table.Rows.Single(r => r.Cells[0] == row[0]).Cells);
            AssertNear(pdf, row);
        }

        static (decimal Mean, double Variance) Mean(List<int> values)
        {
            var mean = values.Average();
            return ((decimal)values.Sum() / values.Count, values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        }
    }

    /// <summary>The "Impact by type of intervention" table of one report: pupils, open, attendance in the equal windows before and from the start, and how many improved.</summary>
    /// <returns>The number of types compared.</returns>
    /// <remarks>With suppressSmall, as in the governors' report, a type with fewer than 5 pupils shows only "c".</remarks>
    private static int AssertImpact(ReconciledSchool school, RoleRows rows, ReportDocument model, string pdf, IReadOnlyList<PupilRow> pupils, bool suppressSmall = false)
    {
        var asOf = school.Snapshot.AsOf;
        var days = rows.SchoolDays.Where(d => d >= YearStart(asOf) && d <= asOf).ToList();
        var byUpn = pupils.ToDictionary(p => p.Upn, StringComparer.Ordinal);
        var outcomes = rows.Interventions.Where(i => byUpn.ContainsKey(i.Upn) && i.Start <= asOf).Select(i =>
        {
            var pupil = byUpn[i.Upn];
            var start = days.Count(d => d < i.Start);
            var last = i.End is { } end && end < asOf ? end : asOf;
            var length = days.Count(d => d >= i.Start && d <= last);
            var first = pupil.Admitted is { } admitted ? days.Count(d => d < admitted) : 0;
            var window = Math.Max(0, Math.Min(length, start - first));
            var marks = school.Export.MarksByUpn[i.Upn];
            var (before, during) = window == 0 ? (Sessions.None, Sessions.None)
                : (Count(marks, days[start - window], days[start - 1]), Count(marks, days[start], days[start + window - 1]));
            return (Intervention: i, Measured: window > 0 && before.Possible > 0 && during.Possible > 0, Before: before, During: during);
        }).ToList();
        var table = model.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Caption == "Impact by type of intervention");
        Assert.Equal(outcomes.Count > 0, table is not null);
        foreach (var type in outcomes.GroupBy(o => o.Intervention.Type))
        {
            if (suppressSmall && type.Select(o => o.Intervention.Upn).Distinct().Count() < 5)
            {
                string[] hidden = [type.Key, .. Enumerable.Repeat("c", 8)];
                Assert.Equal(hidden, table!.Rows.Single(r => r.Cells[0] == type.Key).Cells);
                AssertNear(pdf, hidden);
                continue;
            }

            var measured = type.Where(o => o.Measured).ToList();
            var (before, during) = (measured.Aggregate(Sessions.None, (a, o) => a + o.Before), measured.Aggregate(Sessions.None, (a, o) => a + o.During));
            var improved = measured.Count(o => (long)o.During.Attended * o.Before.Possible > (long)o.Before.Attended * o.During.Possible);
            string[] expected =
            [
                type.Key, Number(type.Select(o => o.Intervention.Upn).Distinct().Count()), Number(type.Count(o => o.Intervention.OpenOn(asOf))),
                measured.Count == 0 ? "Not yet measured" : $"{AttendancePercent(before)} to {AttendancePercent(during)}",
                // The change is the two printed rates subtracted (each rounded half-up first), as the gap is.
                measured.Count == 0 ? "-" : Signed(Printed(during.Attended * 100m / during.Possible) - Printed(before.Attended * 100m / before.Possible)),
                $"{Number(improved)} of {Number(measured.Count)}",
            ];
            Assert.Equal(expected, table!.Rows.Single(r => r.Cells[0] == type.Key).Cells.Take(6));
            AssertNear(pdf, expected);
        }

        return outcomes.Select(o => o.Intervention.Type).Distinct().Count();
    }

    /// <summary>The most school days in a row within the spell on which every possible session was unauthorised absence: absent without the school's permission.</summary>
    private static int DaysWithoutPermission(IEnumerable<MarkRow> marks, (DateOnly First, DateOnly Last, int Days, int Sessions) spell, IReadOnlyList<DateOnly> days)
    {
        var byDay = marks.ToLookup(m => m.Date);
        int run = 0, longest = 0;
        foreach (var day in days.Where(d => d >= spell.First && d <= spell.Last))
        {
            var counted = Count(byDay[day], day, day);
            if (counted.Possible == 0)
            {
                continue;
            }

            run = counted.Unauthorised == counted.Possible ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>Runs of school days on which every session the pupil was marked for, of those that count as possible, was an absence.</summary>
    /// <remarks>A day with no mark (not on roll) ends a run; a day whose marks are all not possible (X, Y, Z, #...) neither ends nor extends it.</remarks>
    private static List<(DateOnly First, DateOnly Last, int Days, int Sessions)> Spells(IEnumerable<MarkRow> marks, IReadOnlyList<DateOnly> days)
    {
        var byDay = marks.ToLookup(m => m.Date);
        var spells = new List<(DateOnly, DateOnly, int, int)>();
        (DateOnly First, DateOnly Last, int Days, int Sessions)? open = null;
        foreach (var day in days)
        {
            var counted = Count(byDay[day], day, day);
            if (byDay[day].Any() && counted.Possible == 0)
            {
                continue;
            }

            if (byDay[day].Any() && counted.Absent == counted.Possible)
            {
                open = open is { } o ? (o.First, day, o.Days + 1, o.Sessions + counted.Absent) : (day, day, 1, counted.Absent);
                continue;
            }

            if (open is { } closed)
            {
                spells.Add(closed);
            }

            open = null;
        }

        if (open is { } last)
        {
            spells.Add(last);
        }

        return spells;
    }

    /// <summary>The school week the weekly messages covered: its Monday and its days to the last one measured, as the stored week record has them, checked against the expected week.</summary>
    private static async Task<DateRange> WeekOf(ReconciledSchool school)
    {
        var runs = new List<WeekRun>();
        await foreach (var run in school.Jobs.Context.Documents.ListAsync<WeekRun>(Jobs.JobsFixture.School, DocumentTypes.WeekRun, CancellationToken.None))
        {
            runs.Add(run.Body);
        }

        // Friday 20 March 2026 is the last day of its week, so that week is due; on Tuesday 14 July 2026 the week before is.
        var monday = school.AsOf.DayOfWeek == DayOfWeek.Friday ? Monday(school.AsOf) : Monday(school.AsOf).AddDays(-7);
        var run1 = Assert.Single(runs);
        Assert.Equal(monday, run1.Monday);
        var days = RolesOf(school).SchoolDays.Where(d => d >= monday && d <= monday.AddDays(4)).ToList();
        Assert.Equal(days[^1], run1.DataTo);
        return new DateRange(days[0], days[^1]);
    }

    private static RoleRows RolesOf(ReconciledSchool school)
    {
        lock (s_roleRows)
        {
            if (!s_roleRows.TryGetValue(school, out var rows))
            {
                rows = RoleRows.Read(Path.Combine(school.Jobs.Directory, "export"));
                s_roleRows[school] = rows;
            }

            return rows;
        }
    }

    private static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static string Short(DateOnly date) => date.ToString("d MMM", CultureInfo.InvariantCulture);

    private static string Pupils(int n) => n == 1 ? "1 pupil" : $"{Number(n)} pupils";

    private static string Pct(decimal rate) => Math.Round(rate, 1, MidpointRounding.AwayFromZero).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string OneDecimal(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A figure as printed: rounded half-up to one decimal place.</summary>
    private static decimal Printed(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>"+1.2", "-3.4", "0.0": one decimal place, half-up, signed.</summary>
    private static string Signed(decimal value)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0.0" : (rounded > 0 ? "+" : "") + rounded.ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>The cells in the PDF close together: as one run, or, where a long cell wraps onto a second line of its row, every word of them within the row's stretch of text.</summary>
    private static void AssertNear(string pdf, IReadOnlyList<string> cells) =>
        Assert.True(IsNear(pdf, cells), $"the PDF does not show \"{string.Join(' ', cells)}\", not even wrapped; near its first word it reads \"{Around(pdf, cells[0].Split(' ')[0])}\"");

    private static string Around(string pdf, string word)
    {
        var text = Plain(pdf);
        var at = text.IndexOf(word, StringComparison.Ordinal);
        return at < 0 ? "(not found)" : text.Substring(at, Math.Min(200, text.Length - at));
    }

    private static bool IsNear(string pdf, IReadOnlyList<string> cells)
    {
        var text = Plain(pdf);
        var expected = cells.SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (text.Contains(string.Join(' ', expected), StringComparison.Ordinal))
        {
            return true;
        }

        // A cell's last word may run into the text after it ("this year: persistent absence"), so a word matches without its trailing punctuation.
        var words = text.Split(' ').Select(w => w.TrimEnd(':', ';', ',', '.')).ToArray();
        expected = expected.Select(w => w.TrimEnd(':', ';', ',', '.')).ToList();
        var span = (3 * expected.Count) + 40;
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] != expected[0])
            {
                continue;
            }

            var window = words.Skip(i).Take(span).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (expected.GroupBy(w => w, StringComparer.Ordinal).All(g => window.GetValueOrDefault(g.Key) >= g.Count()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the PDF lists the pupil as staff reports do: by name, or, for one of a name shared in the school, by name and UPN (which a table cell may wrap).</summary>
    private static bool ContainsListed(string pdf, PupilRow pupil) =>
        pupil.Listed == pupil.Name ? ContainsName(pdf, pupil.Name) : IsNear(pdf, [pupil.Listed]);

    /// <summary>The PDF text as words between single spaces: line breaks (where a cell wraps) and no-break spaces read as spaces.</summary>
    private static string Plain(string pdf) => string.Join(' ', pdf.Split([' ', '\u00A0', '\n', '\r', '\t', '\f'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The name as whole words in the text (so "Ava Khan" is not found in "Ava Khanna").</summary>
    private static bool ContainsName(string text, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(Plain(text), $@"(?<![\p{{L}}-]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\p{{L}}-])");
}
