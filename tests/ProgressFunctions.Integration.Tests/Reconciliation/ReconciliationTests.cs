using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Ks2Sats;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Reports.WholeSchool;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>
/// Every figure the reports print, recounted from the export rows by the test's own arithmetic (<see cref="Recount"/>)
/// and compared with the report models and with the text of the PDFs the jobs sent: a primary and a secondary school,
/// through ingest, the attendance check, the snapshots and dispatch on the embedded store.
/// </summary>
public sealed partial class ReconciliationTests(ReconciliationSchools schools) : IClassFixture<ReconciliationSchools>
{
    public static TheoryData<SchoolPhase> Phases => [SchoolPhase.Primary, SchoolPhase.Secondary];

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task WholeSchool_EveryCohortsAttendance_MatchesTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.Snapshot.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var model = WholeSchoolReport.Build(new WholeSchoolReportInput(school.Export.SchoolName, asOf, school.Snapshot));
        var pdf = school.Pdf("-whole-school.pdf");
        var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Cohorts");

        var groups = new List<(string Name, List<PupilRow> Pupils)> { ("Whole school", onRoll) };
        groups.AddRange(onRoll.GroupBy(p => p.Year).OrderBy(g => g.Key).Select(g => (g.Key == 0 ? "Reception" : $"Year {g.Key}", g.ToList())));
        groups.AddRange(onRoll.GroupBy(p => p.Sen).OrderBy(g => g.Key switch { "N" => 0, "K" => 1, _ => 2 })
            .Select(g => (g.Key switch { "N" => "No SEN", "K" => "SEN support (K)", _ => "EHC plan (E)" }, g.ToList())));
        foreach (var (name, pupils) in groups)
        {
            var (count, total, persistent, severe) = Group(pupils.Select(p => YearToDate(school, p, asOf)));
            string[] expected = [name, Number(pupils.Count), AttendancePercent(total), Percent(persistent, count), Number(persistent), Number(severe)];
            Assert.Equal(expected, table.Rows.Single(r => r.Cells[0] == name).Cells.Take(6));
            AssertInPdf(pdf, expected);
        }

        var bands = onRoll.Select(p => YearToDate(school, p, asOf)).Where(s => s.Possible > 0).GroupBy(Band).ToDictionary(g => g.Key, g => g.Count());
        var chart = model.Blocks.OfType<BarChart>().Single(c => c.Title == "Pupils by attendance band");
        Assert.Equal(Enumerable.Range(0, 5).Select(b => (double?)bands.GetValueOrDefault(b)), chart.Series.Single().Values);
        Assert.Equal(Number(onRoll.Count), model.Blocks.OfType<KeyFacts>().First().Facts.Single(f => f.Label == "Pupils").Value);
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task YearGroup_FactsAndPersistentAbsenceList_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.Snapshot.AsOf;
        var term = TermOf(school, asOf);
        foreach (var year in school.Export.Pupils.Where(p => p.OnRoll(asOf)).GroupBy(p => p.Year))
        {
            var model = YearGroupReport.Build(new YearGroupReportInput(school.Export.SchoolName, asOf, school.Snapshot, year.Key, school.Directory));
            var pdf = school.Pdf($"-year-{year.Key}.pdf");
            var (count, total, persistent, severe) = Group(year.Select(p => YearToDate(school, p, asOf)));
            string[] facts = [Number(year.Count()), AttendancePercent(total), $"{Number(persistent)} ({Percent(persistent, count)})", Number(severe)];
            Assert.Equal(facts, model.Blocks.OfType<KeyFacts>().Single().Facts.Take(4).Select(f => f.Value));
            AssertInPdf(pdf, facts);

            Assert.Equal(NeedsAttention(school, year.ToList(), asOf), model.Blocks.OfType<KeyFacts>().Single().Facts[4].Value);

            var list = model.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Caption?.StartsWith("Persistent absence", StringComparison.Ordinal) == true);
            var pa = year.Where(p => YearToDate(school, p, asOf) is { Persistent: true, Severe: false }).ToList();
            Assert.Equal(pa.Count, list?.Rows.Count ?? 0);
            foreach (var pupil in pa)
            {
                var ytd = YearToDate(school, pupil, asOf);
                var inTerm = Count(school.Export.MarksByUpn[pupil.Upn], term.Start, asOf);
                string[] expected = [pupil.Listed, pupil.Form, AttendancePercent(ytd), Number(ytd.Absent), Number(ytd.Unauthorised), Number(ytd.Late), Number(inTerm.MinutesLate)];
                // A pupil who shares a name with another of the school is told apart by the end of the UPN (PupilRow.Listed).
                var row = list!.Rows.Single(r => r.Cells[0] == pupil.Listed);
                Assert.Equal(expected, row.Cells.Take(7));
                AssertNear(pdf, expected);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Parent_AttendanceAndLateness_MatchTheExportForEveryPupil(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.Snapshot.AsOf;
        var term = TermOf(school, asOf);
        var contactLine = school.State.Profile!.Settings.ContactLineFor(school.Export.SchoolName);
        var pupils = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        Assert.Equal(pupils.Count, school.Snapshot.Pupils.Count);
        var sent = 0;
        foreach (var pupil in pupils)
        {
            var ytd = YearToDate(school, pupil, asOf);
            var inTerm = Count(school.Export.MarksByUpn[pupil.Upn], term.Start, asOf);
            var late = (inTerm.Late == 1 ? "1 session" : $"{Number(inTerm.Late)} sessions") + (inTerm.MinutesLate > 0 ? $", {Number(inTerm.MinutesLate)} min" : "");
            string[] expected = [AttendancePercent(ytd), AttendancePercent(inTerm), late];
            var model = ParentReport.Build(ParentReportInput.For(school.Snapshot, pupil.Id, school.Export.SchoolName, asOf, school.Directory, contactLine));
            Assert.Equal(expected, model.Blocks.OfType<KeyFacts>().Single().Facts.Take(3).Select(f => f.Value));
            if (school.PdfText.Keys.SingleOrDefault(k => k.EndsWith($"-{pupil.Id}.pdf", StringComparison.Ordinal)) is { } file)
            {
                AssertInPdf(school.PdfText[file], expected);
                sent++;
            }
        }

        Assert.True(sent > pupils.Count / 2, $"only {sent} of {pupils.Count} parent reports were sent");
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Subject_ProgressBandsByTeachingGroup_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.Snapshot.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).Select(p => p.Upn).ToHashSet(StringComparer.Ordinal);
        var results = school.Export.Results.ToLookup(r => r.Upn, StringComparer.Ordinal);
        var entries = school.Export.Targets.Where(t => onRoll.Contains(t.Upn))
            .Select(t => (Target: t, Band: Band(school.Export, t, results[t.Upn], asOf))).ToList();
        Assert.Contains(entries, e => e.Band is not null);
        foreach (var subject in entries.GroupBy(e => e.Target.Subject))
        {
            var model = SubjectReport.Build(new SubjectReportInput(school.Export.SchoolName, asOf, school.Snapshot, subject.Key, school.Directory));
            // Subject reports go to subject leaders, whom the generated primary school does not have.
            var pdf = phase == SchoolPhase.Secondary ? school.Pdf($"-subject-{subject.Key.ToLowerInvariant()}.pdf") : school.PdfOrNull($"-subject-{subject.Key.ToLowerInvariant()}.pdf");
            var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Pupils per progress band");
            foreach (var group in subject.GroupBy(e => e.Target.Group))
            {
                string[] expected =
                [
                    group.Key.Length == 0 ? "No group" : group.Key, Number(group.Count()),
                    .. new[] { "Above", "On track", "Below", "Well below" }.Select(b => Number(group.Count(e => e.Band == b))),
                    Number(group.Count(e => e.Band is null)),
                ];
                Assert.Equal(expected, table.Rows.Single(r => r.Cells[0] == expected[0]).Cells.Take(7));
                if (pdf is not null)
                {
                    AssertInPdf(pdf, expected);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Sen_GroupsAttendance_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.Snapshot.AsOf;
        var model = SenReport.Build(new SenReportInput(school.Export.SchoolName, asOf, school.Snapshot, school.Directory));
        var pdf = school.Pdf("-sen.pdf");
        var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == "SEN groups compared with pupils without SEN");
        var (rows, term) = (RolesOf(school), TermOf(school, asOf));
        int BehaviourPoints(PupilRow p) => -rows.BehaviourByUpn[p.Upn].Where(b => b.Points < 0 && b.Date >= term.Start && b.Date <= asOf && b.Date <= term.End).Sum(b => b.Points);
        foreach (var group in school.Export.Pupils.Where(p => p.OnRoll(asOf)).GroupBy(p => p.Sen))
        {
            var name = group.Key switch { "N" => "No SEN", "K" => "SEN support (K)", _ => "EHC plan (E)" };
            var (count, total, persistent, _) = Group(group.Select(p => YearToDate(school, p, asOf)));
            string[] expected = [name, Number(group.Count()), AttendancePercent(total), Percent(persistent, count)];
            var row = table.Rows.Single(r => r.Cells[0] == name).Cells;
            Assert.Equal(expected, row.Take(4));
            // Behaviour points this term: the group's total and the points a pupil, so groups of 267 and 5 compare.
            var points = group.Sum(BehaviourPoints);
            Assert.Equal($"{Number(points)} ({OneDecimal((decimal)points / group.Count())} a pupil)", row[5]);
            AssertInPdf(pdf, expected);
        }
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Digests_HeadlineFiguresCoverEachRecipientsScope(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var digests = DigestPlanner.Plan(school.Alerts.Alerts, school.Directory);
        Assert.NotEmpty(digests);
        foreach (var digest in digests)
        {
            var roles = school.Export.StaffRoles.Where(r => r.StaffId == digest.StaffId).Select(r => r.Role).ToList();
            var (label, scope) = roles.Contains("AttendanceOfficer") ? ("whole school", onRoll)
                : roles.SingleOrDefault(r => r.StartsWith("YearLeader:", StringComparison.Ordinal)) is { } leader
                    ? (leader == "YearLeader:0" ? "Reception" : $"Year {leader["YearLeader:".Length..]}", onRoll.Where(p => p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) == leader["YearLeader:".Length..]).ToList())
                    : ("pupils with SEN", onRoll.Where(p => p.Sen != "N").ToList());
            var (count, total, persistent, _) = Group(scope.Select(p => YearToDate(school, p, asOf)));
            var today = scope.SelectMany(p => school.Export.MarksByUpn[p.Upn].Where(m => m.Date == asOf)).ToList();
            string Pupils(IEnumerable<MarkRow> marks) => marks.Select(m => m.Upn).Distinct().Count() is var n && n == 1 ? "1 pupil" : $"{Number(n)} pupils";
            string[] expected = [AttendancePercent(total), $"{Number(persistent)} ({Percent(persistent, count)})",
                Pupils(today.Where(m => m.Code == "N")), Pupils(today.Where(m => m.Code is "L" or "U"))];

            var model = AttendanceDigest.Build(AttendanceDigestInput.For(school.Export.SchoolName, asOf, school.Alerts.RegisterDate, 1, digest.StaffId,
                digest.Alerts.Select(a => a.PupilId), school.State.Calendar!, school.Directory, school.State.Registers(school.State.Calendar!), school.State.OnRoll(asOf)));
            var facts = model.Blocks.OfType<KeyFacts>().Single().Facts;
            Assert.Equal(expected, facts.Take(4).Select(f => f.Value));
            Assert.All(facts.Take(4), f => Assert.EndsWith($"({label})", f.Label));
            var pdf = school.Pdf($"/{digest.StaffId}/attendance-digest-{asOf:yyyy-MM-dd}.pdf");
            AssertInPdf(pdf, expected);

            // The school's first check: each pupil already below a threshold is listed with this year's rate, recounted from the export.
            var crossed = digest.Alerts.Where(a => a.Rule == Core.Alerts.AlertRule.AttendanceThreshold).ToList();
            Assert.Equal(crossed.Count > 0, pdf.Contains($"Attendance below a threshold (first alerts, however long ago it fell) ({Number(crossed.Count)})", StringComparison.Ordinal));
            foreach (var alert in crossed)
            {
                var pupil = school.Export.Pupils.Single(p => p.Id == alert.PupilId);
                AssertNear(pdf, [pupil.Listed, pupil.Form, $"attendance {AttendancePercent(Group([YearToDate(school, pupil, asOf)]).Total)} this year"]);
            }
        }
    }

    /// <summary>
    /// An alert raised for staff reaches them: for each role of its audience, the digest of someone holding that role
    /// (a year leader of the pupil's year) names the pupil. A lateness alert, or an SEN pupil's absence pattern for the
    /// SENCO, once reached nobody.
    /// </summary>
    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Digests_EveryAlert_NamesItsPupilInADigestOfEachRoleOfItsAudience(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var asOf = school.AsOf;
        Assert.NotEmpty(school.Alerts.Alerts);
        var missing = new List<string>();
        foreach (var alert in school.Alerts.Alerts)
        {
            var pupil = school.Export.Pupils.Single(p => p.Id == alert.PupilId);
            var year = pupil.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var role in alert.Audience.Distinct())
            {
                var holders = school.Directory.Roles.Where(r => r.Role == role && (role != StaffRoleKind.YearLeader || r.Scope?.Trim() == year)).Select(r => r.StaffId).Distinct();
                if (!holders.Any(id => school.PdfOrNull($"/{id}/attendance-digest-{asOf:yyyy-MM-dd}.pdf") is { } pdf && ContainsListed(pdf, pupil)))
                {
                    missing.Add($"{alert.Rule} about {alert.PupilId} for {role}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Ks2_Summary_MatchesTheTestScoresInTheExport()
    {
        var school = await schools.For(SchoolPhase.Primary);
        var ks2 = Assert.IsType<Core.Progress.Snapshots.TermSnapshot>(school.Ks2);
        var year6 = school.Export.Pupils.Where(p => p.Year == 6 && p.OnRoll(ks2.AsOf)).ToList();
        int? Score(PupilRow p, params string[] subjects) => school.Export.Results
            .Where(r => r.Upn == p.Upn && subjects.Contains(r.Subject) && r.Scale == "KS2" && r.Date <= ks2.AsOf)
            .OrderBy(r => r.Date).LastOrDefault() is { } row ? int.Parse(row.Grade, System.Globalization.CultureInfo.InvariantCulture) : null;
        string? Writing(PupilRow p) => school.Export.Results.Where(r => r.Upn == p.Upn && r.Subject == "Writing" && r.Scale == "KS2 TA" && r.Date <= ks2.AsOf)
            .OrderBy(r => r.Date).ThenBy(r => r.Point, StringComparer.Ordinal).LastOrDefault()?.Grade;
        var pupils = year6.Select(p => (R: Score(p, "Reading", "English reading"), M: Score(p, "Maths", "Mathematics"), G: Score(p, "GPS", "Grammar, punctuation and spelling"), W: Writing(p))).ToList();
        (string, Func<(int? R, int? M, int? G, string? W), bool>, Func<(int? R, int? M, int? G, string? W), bool>)[] measures =
        [
            ("Reading", p => p.R >= 100, p => p.R >= 110),
            ("Maths", p => p.M >= 100, p => p.M >= 110),
            ("Grammar, punctuation and spelling", p => p.G >= 100, p => p.G >= 110),
            ("Writing (teacher assessment)", p => p.W is "EXS" or "GDS", p => p.W == "GDS"),
            ("Reading, writing and maths", p => p.R >= 100 && p.M >= 100 && p.W is "EXS" or "GDS", p => p.R >= 110 && p.M >= 110 && p.W == "GDS"),
        ];
        var model = Ks2SatsReport.Build(new Ks2SatsReportInput(school.Export.SchoolName, ks2.AsOf, ks2.Key, ks2.Ks2!));
        var table = model.Blocks.OfType<TableBlock>().Single(t => t.Caption == "KS2 outcomes");
        var pdf = school.Pdf("-ks2-sats.pdf");
        foreach (var (name, expectedStandard, higher) in measures)
        {
            var met = pupils.Count(expectedStandard);
            var high = pupils.Count(higher);
            string[] expected = [name, Number(pupils.Count), Number(met), Percent(met, pupils.Count), Number(high), Percent(high, pupils.Count)];
            Assert.Equal(expected, table.Rows.Single(r => r.Cells[0] == name).Cells);
            AssertInPdf(pdf, expected);
        }
    }

    /// <summary>The default needs-attention rule, recounted: well below anywhere, below in two core subjects (English and maths; two of reading, writing and maths in a primary), or below in half or more of 3+ subjects with results.</summary>
    /// <remarks>
    /// Bands are recomputed from the export's target rows. A subject the export gives no target in gets the DfE
    /// transition-matrix estimate in the product; that estimate is checked on its own (DefaultTargetSetterTests), so
    /// here its band is the snapshot's.
    /// </remarks>
    private static string NeedsAttention(ReconciledSchool school, IReadOnlyList<PupilRow> pupils, DateOnly asOf)
    {
        var bands = pupils.Select(p => BandsOf(school, p, asOf)).ToList();
        var withResults = bands.Count(b => b.Count > 0);
        var flagged = bands.Count(Flagged);
        return withResults == 0 ? "No results yet" : $"{Number(flagged)} ({Percent(flagged, withResults)})";
    }

    /// <summary>The bands of a pupil's subjects whose target is the product's DfE estimate (no target row in the export), as the snapshot gives them.</summary>
    private static IEnumerable<(string Subject, string? Band)> Estimated(ReconciledSchool school, PupilRow pupil) =>
        school.Snapshot.Pupil(pupil.Id)?.Subjects
            .Where(s => s.TargetSource == Core.Progress.TargetSource.DfeTransitionMatrix && !school.Export.Targets.Any(t => t.Upn == pupil.Upn && string.Equals(t.Subject, s.Subject, StringComparison.OrdinalIgnoreCase)))
            .Select(s => (s.Subject, s.Band switch
            {
                Core.Progress.ProgressBand.Above => "Above",
                Core.Progress.ProgressBand.OnTrack => "On track",
                Core.Progress.ProgressBand.Below => "Below",
                Core.Progress.ProgressBand.WellBelow => "Well below",
                _ => (string?)null,
            })) ?? [];

    private static Sessions YearToDate(ReconciledSchool school, PupilRow pupil, DateOnly asOf) =>
        Count(school.Export.MarksByUpn[pupil.Upn], YearStart(asOf), asOf);

    private static TermRow TermOf(ReconciledSchool school, DateOnly date) => school.Export.Terms.Single(t => t.Start <= date && date <= t.End);

    /// <summary>The cells appear in the PDF in order, as one run of text (pdftotext keeps a table row or a row of key facts on one line).</summary>
    private static void AssertInPdf(string pdf, IEnumerable<string> cells)
    {
        var run = string.Join(' ', cells.SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.True(pdf.Contains(run, StringComparison.Ordinal), $"the PDF does not show \"{run}\"");
    }
}
