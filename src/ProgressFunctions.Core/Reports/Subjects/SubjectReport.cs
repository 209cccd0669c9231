using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Subjects;

/// <summary>What a subject report is made from: a term snapshot and the subject (matched case-insensitively).</summary>
public sealed record SubjectReportInput(string SchoolName, DateOnly Issued, TermSnapshot Snapshot, string Subject, SchoolDirectory Directory);

/// <summary>The subject leader's report: pupils per progress band by teaching group, and the pupils not making expected progress.</summary>
public static class SubjectReport
{
    public static ReportDocument Build(SubjectReportInput input)
    {
        var cohorts = input.Snapshot.Cohorts.Where(c => string.Equals(c.Subject, input.Subject, StringComparison.OrdinalIgnoreCase)).ToList();
        var subject = cohorts.FirstOrDefault(c => c.Kind == CohortKind.Subject);
        var groups = cohorts.Where(c => c.Kind == CohortKind.TeachingGroup).InGroupOrder(c => c.Name).ToList();
        var name = subject?.Name ?? input.Subject;
        var entries = input.Snapshot.Pupils
            .SelectMany(p => p.Subjects.Where(s => string.Equals(s.Subject, input.Subject, StringComparison.OrdinalIgnoreCase)).Select(s => (Pupil: p, Subject: s)))
            .ToList();
        var untargeted = input.Snapshot.Pupils.Count(p => p.WithoutTarget?.Any(s => string.Equals(s.Subject, input.Subject, StringComparison.OrdinalIgnoreCase)) == true);
        var blocks = new List<ReportBlock>();
        if (subject is null)
        {
            blocks.Add(new Paragraph(untargeted == 0 ? $"No pupil has a target or result in {name} at this snapshot."
                : $"No pupil has a target in {name} at this snapshot; {UntargetedPupils(untargeted)} results in it without one, so no progress can be measured. Their reports show their latest result."));
        }
        else
        {
            var banded = subject.Bands.Sum(b => b.Entries);
            var onTrack = subject.Bands.Where(b => !b.Band.IsBelowExpected()).Sum(b => b.Entries);
            blocks.Add(new Paragraph($"{name}: {Count(subject.Pupils)} pupils in {Count(groups.Count)} teaching groups, at the latest assessment point on or before {Date(input.Snapshot.AsOf)}."));
            blocks.Add(new KeyFacts(
            [
                new KeyFact("Pupils", Count(subject.Pupils)),
                banded == 0 ? new KeyFact("On track or above", "No results yet") : new KeyFact("On track or above", Percent(Percentages.Of(onTrack, banded)), Tone.Good),
                new KeyFact("Not making expected progress", Count(subject.NotMakingExpectedProgress), subject.NotMakingExpectedProgress > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("No result yet", Count(subject.NoResult)),
            ]));
            blocks.Add(new Heading("Teaching groups"));
            blocks.Add(BandChart(groups));
            blocks.Add(new TableBlock(
                [Column("Group", 1.4), Number("Pupils"), Number("Above"), Number("On track"), Number("Below"), Number("Well below"), Number("No result"), Number("Not making expected", 1.4)],
                [.. groups.Append(subject).Select(g => new TableRow(
                    [g.Kind == CohortKind.Subject ? "All groups" : GroupName(g), Count(g.Pupils), .. StaffTables.BandCells(g), Count(g.NotMakingExpectedProgress)],
                    g.NotMakingExpectedProgress * 4 > Math.Max(1, g.Pupils) ? Tone.Caution : Tone.Normal))],
                "Pupils per progress band"));
            blocks.Add(new Heading("Pupils not making expected progress"));
            blocks.Add(banded == 0 ? new Paragraph($"No results yet in {name}: progress can be judged once the first assessment results are in.")
                : subject.NotMakingExpectedProgress == 0 ? new Paragraph($"Every pupil with a result is making expected progress in {name}.")
                : StaffTables.BelowExpected($"{name}: not making expected progress ({Count(subject.NotMakingExpectedProgress)})", entries, input.Directory, showSubject: false));
            blocks.AddRange(DefaultTargetNoteFor(entries.Select(e => e.Subject)));
            if (untargeted > 0)
            {
                blocks.Add(new Paragraph($"Not counted above: {UntargetedPupils(untargeted)} results in {name} but no target, so their progress cannot be measured. Their reports show their latest result.", Small: true));
            }
        }

        return new ReportDocument($"{name} report", PeriodLabel(input.Snapshot.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Snapshot.Key)}-subject-{SafeFilePart(name.ToLowerInvariant())}.pdf",
        };
    }

    private static string UntargetedPupils(int pupils) => pupils == 1 ? "1 pupil has" : $"{Count(pupils)} pupils have";

    // Colours carry meaning: above green, on track the plain accent, below amber, well below red.
    private static Tone SeriesTone(ProgressBand band) => band switch
    {
        ProgressBand.Above => Tone.Good,
        ProgressBand.Below => Tone.Caution,
        ProgressBand.WellBelow => Tone.Concern,
        _ => Tone.Normal,
    };

    private static string GroupName(CohortProgress group) => group.Name.Length == 0 ? "No group" : group.Name;

    private static BarChart BandChart(IReadOnlyList<CohortProgress> groups)
    {
        var series = ProgressBands.All
            .Select(b => new ChartSeries(b.Label(), [.. groups.Select(g => (double?)(g.Bands.FirstOrDefault(c => c.Band == b)?.Entries ?? 0))]) { Tone = SeriesTone(b) })
            .ToList();
        var max = series.SelectMany(s => s.Values).Max() ?? 0;
        return new BarChart("Pupils per progress band, by teaching group", [.. groups.Select(GroupName)], series, Math.Max(1, max));
    }
}
