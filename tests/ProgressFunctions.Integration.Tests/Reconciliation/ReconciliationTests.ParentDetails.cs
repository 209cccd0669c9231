using System.Globalization;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>
/// The rest of each parent report, recounted from the export: achievement and behaviour points and homework done this
/// term (behaviour.csv, homework.csv), the year's and the term's late arrivals in the attendance paragraph, and every
/// row of the subjects table (targets.csv, assessments.csv), in the model and in each PDF sent.
/// </summary>
public sealed partial class ReconciliationTests
{
    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Parent_PointsHomeworkLatenessAndSubjects_MatchTheExportForEveryPupil(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var export = school.Export;
        var asOf = school.Snapshot.AsOf;
        var term = TermOf(school, asOf);
        var forenames = ExportRows.Rows(Path.Combine(school.Jobs.Directory, "export"), "pupils.csv")
            .ToDictionary(r => r["UPN"], r => r["Preferred Forename"].Length > 0 ? r["Preferred Forename"] : r["Legal Forename"], StringComparer.Ordinal);
        var contactLine = school.State.Profile!.Settings.ContactLineFor(export.SchoolName);
        var (sent, notAssessed) = (0, 0);
        foreach (var pupil in export.Pupils.Where(p => p.OnRoll(asOf)))
        {
            var events = rows.BehaviourByUpn[pupil.Upn].Where(b => b.Date >= term.Start && b.Date <= asOf).ToList();
            var homework = rows.HomeworkByUpn[pupil.Upn].Where(h => h.Due >= term.Start && h.Due <= asOf && h.Status is "completed" or "late" or "missing").ToList();
            var done = homework.Count(h => h.Status != "missing");
            string[] facts = [Number(events.Where(b => b.Points > 0).Sum(b => b.Points)), Number(-events.Where(b => b.Points < 0).Sum(b => b.Points)),
                homework.Count == 0 ? "None set" : Percent(done, homework.Count)];
            var model = ParentReport.Build(ParentReportInput.For(school.Snapshot, pupil.Id, export.SchoolName, asOf, school.Directory, contactLine));
            Assert.Equal(facts, model.Blocks.OfType<KeyFacts>().Single().Facts.Skip(3).Select(f => f.Value));

            var (year, inTerm) = (YearToDate(school, pupil, asOf).Late, Count(export.MarksByUpn[pupil.Upn], term.Start, asOf).Late);
            var forename = forenames[pupil.Upn];
            var late = year == 0 ? null : year == 1 ? $"{forename} has arrived late once this year, {(inTerm == 0 ? "before this term" : "during this term")}."
                : $"{forename} has arrived late for {Number(year)} sessions this year, {(inTerm == 0 ? "none of them this term" : inTerm >= year ? "all of them this term" : $"{Number(inTerm)} of them this term")}.";
            var paragraph = ((Paragraph)model.Blocks[model.Blocks.ToList().FindIndex(b => b is Heading { Value: "Attendance" }) + 1]).Value;
            Assert.Equal(late is not null, paragraph.Contains(" arrived late ", StringComparison.Ordinal));
            Assert.True(late is null || paragraph.EndsWith(late, StringComparison.Ordinal), $"{pupil.Id}: \"{paragraph}\" does not end \"{late}\"");

            var subjects = SubjectRows(school, pupil);
            notAssessed += subjects.Count(r => r[5] == "No new result");
            // A pupil with no target or result (Reception in the primary school) has a sentence instead of the table.
            var table = model.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Columns[0].Header == "Subject");
            Assert.Equal(subjects, table?.Rows.Select(r => r.Cells.ToArray()) ?? []);
            Assert.Equal(subjects.Count == 0, model.Blocks.OfType<Paragraph>().Any(p => p.Value == "No subject results have been recorded yet this year."));

            if (school.PdfText.Keys.SingleOrDefault(k => k.EndsWith($"-{pupil.Id}.pdf", StringComparison.Ordinal)) is { } file)
            {
                var pdf = school.PdfText[file];
                AssertNear(pdf, ["Achievements this term", facts[0]]);
                AssertNear(pdf, ["Behaviour points this term", "Homework done this term", facts[1], facts[2]]);
                Assert.True(late is null || Plain(pdf).Contains(late, StringComparison.Ordinal), $"{file} does not say \"{late}\"");
                // The text extractor reads a default target's "5 *" as "5*".
                Assert.All(subjects, row => AssertNear(pdf, [.. row.Select(c => c.Replace(" *", "*", StringComparison.Ordinal))]));
                sent++;
            }
        }

        Assert.True(sent > 0, "no parent report was sent");
        // Severely absent pupils miss some assessments in the synthetic school, so the "No new result" rows are checked too.
        Assert.True(notAssessed > 0, "no subject row without a new result was recounted");
    }

    /// <summary>The subjects table: each subject with a target (Current, Target, Expected now, Progress, Change this term), then those with results but no target.</summary>
    /// <remarks>A target of the DfE estimate (no row in targets.csv) is marked " *"; change is since the snapshot before, in grade steps.</remarks>
    private static List<string[]> SubjectRows(ReconciledSchool school, PupilRow pupil)
    {
        var (export, asOf) = (school.Export, school.Snapshot.AsOf);
        var targets = TargetsOf(school, pupil);
        var targeted = targets.Select(t =>
        {
            var now = OnPath(export, t, asOf);
            var then = school.PreviousAsOf is { } previous ? OnPath(export, t, previous) : null;
            var estimated = !export.Targets.Any(x => x.Upn == pupil.Upn && Same(x.Subject, t.Subject));
            var change = now is { } n && then is { } b ? n.Value - b.Value : (decimal?)null;
            // The same result (date and grade) as at the snapshot before: no result since, which is not "no change".
            var notAssessed = now is { } n2 && then is { } b2 && n2.Row.Date == b2.Row.Date && n2.Value == b2.Value;
            // A result now and none at the snapshot before, which held the pupil: a first result, not an unknown change.
            var first = now is not null && then is null && school.PreviousAsOf is { } before && pupil.OnRoll(before);
            return (string[])[t.Subject.Trim(), now is { } c ? Label(export, c.Row.Scale, c.Row.Grade)! : "-", Label(export, t.Scale, t.Grade)! + (estimated ? " *" : ""),
                now is { } e ? Nearest(export, t.Scale, e.Expected) : "-",
                now is { } d ? (d.Value - d.Expected) switch { >= 0.5m => "Above", > -0.5m => "On track", > -1.5m => "Below", _ => "Well below" } : "No result yet",
                notAssessed ? "No new result" : first ? "First result" : change switch { null => "-", 0 => "No change", > 0 => "+" + Steps(change.Value), _ => "-" + Steps(-change.Value) }];
        });

        // Subjects with a result up to the snapshot and no target, KS2 test scores aside (prior attainment): the latest usable grade, "Not set".
        var untargeted = export.Results.Where(r => r.Upn == pupil.Upn && r.Date <= asOf && !string.Equals(r.Scale, "KS2", StringComparison.OrdinalIgnoreCase)
                && !targets.Any(t => Same(t.Subject, r.Subject)))
            .GroupBy(r => r.Subject.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Where(r => Value(export, r.Scale, r.Grade) is not null).OrderBy(r => r.Date).ThenBy(r => r.Point, StringComparer.Ordinal).LastOrDefault() is { } latest
                ? (string[])[g.First().Subject.Trim(), Label(export, latest.Scale, latest.Grade)!, "Not set", "-", "No target yet", "-"]
                : [g.First().Subject.Trim(), "-", "Not set", "-", "No target yet", "-"])
            .OrderBy(r => r[0], StringComparer.Ordinal);
        return [.. targeted.OrderBy(r => r[0], StringComparer.Ordinal), .. untargeted];
    }

    private static string Steps(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
