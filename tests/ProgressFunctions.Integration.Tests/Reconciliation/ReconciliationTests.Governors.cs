using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Governors;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>
/// The governors' report, recounted from the export: its key facts, the attendance bands, every pupil group's figures
/// with the disadvantage gap, and the interventions by type with types of fewer than 5 pupils suppressed.
/// </summary>
public sealed partial class ReconciliationTests
{
    private static readonly string[] s_bandLabels =
        ["97% and above", "95% to under 97%", "over 90% to under 95%", "over 50% to 90% (persistent absence)", "50% and below (severe absence)"];

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Governors_KeyFactsBandsGroupsAndInterventions_MatchTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        // Both schools' last snapshots are ends of term (spring for the secondary, summer for the primary), which the governors' report goes with.
        var pdf = school.Pdf("-governors.pdf");
        var rows = RolesOf(school);
        var asOf = school.Snapshot.AsOf;
        var term = TermOf(school, asOf);
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var model = GovernorsReport.Build(new GovernorsReportInput(school.Export.SchoolName, asOf, school.Snapshot));

        var (count, total, persistent, severe) = Group(onRoll.Select(p => YearToDate(school, p, asOf)));
        var bands = onRoll.Select(p => BandsOf(school, p, asOf)).ToList();
        var (withResults, flagged) = (bands.Count(b => b.Count > 0), bands.Count(Flagged));
        var behaviour = onRoll.Sum(p => -rows.BehaviourByUpn[p.Upn].Where(b => b.Points < 0 && b.Date >= term.Start && b.Date <= asOf).Sum(b => b.Points));
        string[] facts =
        [
            Number(onRoll.Count), AttendancePercent(total), $"{Number(persistent)} ({Percent(persistent, count)})", Number(severe),
            withResults == 0 ? "No results yet" : $"{Number(flagged)} ({Percent(flagged, withResults)})", Number(behaviour),
        ];
        Assert.Equal(facts, model.Blocks.OfType<KeyFacts>().Single().Facts.Select(f => f.Value));
        AssertNear(pdf, facts[..4]);
        AssertNear(pdf, ["Needs attention (progress)", "Behaviour points this term", .. facts[4..]]);
        Assert.Contains($"figures for the {Number(onRoll.Count)} pupils on roll on", Plain(pdf), StringComparison.Ordinal);

        var byBand = onRoll.Select(p => YearToDate(school, p, asOf)).Where(s => s.Possible > 0).GroupBy(Band).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (label, band) in s_bandLabels.Select((l, i) => (l, i)))
        {
            AssertNear(pdf, [label, Number(byBand.GetValueOrDefault(band))]);
        }

        if (byBand.GetValueOrDefault(4) > 0)
        {
            var (pa, sa) = (byBand.GetValueOrDefault(3), byBand.GetValueOrDefault(4));
            Assert.Contains($"{Number(pa + sa)} pupils = {Number(pa)} with attendance over 50% to 90% + {Number(sa)} at 50% and below", Plain(pdf), StringComparison.Ordinal);
        }

        // A primary school's figures on DfE's basis too, pupils aged 5 to 15: its Reception pupils left out.
        var reception = onRoll.Count(p => p.Year == 0);
        Assert.Equal(phase == SchoolPhase.Primary, reception > 0);
        if (reception > 0)
        {
            var (olderCount, olderTotal, olderPersistent, _) = Group(onRoll.Where(p => p.Year != 0).Select(p => YearToDate(school, p, asOf)));
            Assert.Contains($"These figures include the school's {Number(reception)} Reception pupils. DfE's published absence figures count pupils aged 5 to 15 (Year 1 upwards): " +
                $"on that basis attendance is {AttendancePercent(olderTotal)} and persistent absence {Number(olderPersistent)} pupils ({Percent(olderPersistent, olderCount)}).", Plain(pdf), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Reception", Plain(pdf), StringComparison.Ordinal);
        }

        AssertGroups(school, rows, model, pdf, onRoll, withYears: true);
        var types = AssertImpact(school, rows, model, pdf, onRoll, suppressSmall: true);
        Assert.True(types > 0, "the governors' report has no intervention type to compare");
        AssertProgressImpact(school, rows, model, pdf, onRoll, suppressSmall: true);
        Assert.All(school.Export.Pupils, p => Assert.False(ContainsName(pdf, p.Name), $"the governors' report names {p.Name}"));
    }

    /// <summary>The bands of a pupil's subjects that have a result: from the export's targets, and the snapshot's for subjects on the DfE estimate (<see cref="Estimated"/>).</summary>
    private static List<(string Subject, string Band)> BandsOf(ReconciledSchool school, PupilRow pupil, DateOnly asOf)
    {
        var results = school.Export.Results.Where(r => r.Upn == pupil.Upn).ToList();
        return [.. school.Export.Targets.Where(t => t.Upn == pupil.Upn).Select(t => (t.Subject, Band: Band(school.Export, t, results, asOf)))
            .Concat(Estimated(school, pupil)).Where(b => b.Band is not null).Select(b => (b.Subject, b.Band!))];
    }

    /// <summary>The default needs-attention rule: well below anywhere, below in two core subjects, or below in half or more of 3+ subjects with results.</summary>
    private static bool Flagged(List<(string Subject, string Band)> bands)
    {
        string[] core = ["English", "English Language", "Mathematics", "Maths", "Reading", "Writing"];
        var below = bands.Where(x => x.Band is "Below" or "Well below").ToList();
        return bands.Any(x => x.Band == "Well below") || below.Count(x => core.Contains(x.Subject)) >= 2 || (bands.Count >= 3 && below.Count * 2 >= bands.Count);
    }
}
