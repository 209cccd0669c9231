using ProgressFunctions.Core.Schools;
using ProgressFunctions.Integration.Tests.Reconciliation;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Cli;

/// <summary>
/// The attendance tables <c>progress demo</c> prints, read from the terminal text and recounted from the export the
/// demo wrote (its own files, read with the reconciliation's plain CSV reader and arithmetic): every cohort's pupils,
/// attendance, authorised and unauthorised rates, persistent and severe absence, and the attendance bands.
/// </summary>
public sealed class DemoAttendanceReportTests
{
    private static readonly string[] s_bands =
        ["97% and above", "95% to under 97%", "over 90% to under 95%", "over 50% to 90% (persistent absence)", "50% and below (severe absence)"];

    [Theory]
    [InlineData(SchoolPhase.Secondary, "2026-03-20")]
    [InlineData(SchoolPhase.Primary, "2025-11-14")]
    public async Task RunAsync_GeneratedSchool_CohortAndBandTablesMatchTheExport(SchoolPhase phase, string asOfText)
    {
        var asOf = DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture);
        var outDir = CliProcess.TempFolder();

        var (exit, text) = await DemoCommandTests.RunDemo(outDir, 150, phase, 5, asOf);

        Assert.True(exit == 0, text);
        var folder = Path.Combine(outDir, "export");
        var export = ExportRows.Read(folder);
        var traits = RoleRows.Read(folder).Traits;
        // The check measures the last school day on or before the as-of date (both dates here are school days).
        Assert.Contains($"Attendance checked on {asOf:yyyy-MM-dd}", text, StringComparison.Ordinal);
        var onRoll = export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var sessions = onRoll.ToDictionary(p => p.Upn, p => Count(export.MarksByUpn[p.Upn], YearStart(asOf), asOf), StringComparer.Ordinal);
        var cohorts = new List<(string Name, IEnumerable<PupilRow> Pupils)> { ("Whole school", onRoll) };
        cohorts.AddRange(onRoll.GroupBy(p => p.Year).OrderBy(g => g.Key).Select(g => (g.Key == 0 ? "Reception" : $"Year {g.Key}", (IEnumerable<PupilRow>)g)));
        cohorts.AddRange(new[] { ("No SEN", "N"), ("SEN support (K)", "K"), ("EHC plan (E)", "E") }.Select(s => (s.Item1, onRoll.Where(p => p.Sen == s.Item2))));
        cohorts.Add(("FSM", onRoll.Where(p => traits[p.Upn].FreeSchoolMeals)));
        cohorts.Add(("Not FSM", onRoll.Where(p => !traits[p.Upn].FreeSchoolMeals)));
        var rows = Rows(text);
        foreach (var (name, pupils) in cohorts.Where(c => c.Pupils.Any(p => sessions[p.Upn].Possible > 0)))
        {
            var (count, total, persistent, severe) = Group(pupils.Select(p => sessions[p.Upn]));
            string[] expected = [name, Number(count), AttendancePercent(total), Percent(total.Authorised, total.Possible), Percent(total.Unauthorised, total.Possible),
                Number(persistent), Percent(persistent, count), Number(severe)];
            Assert.Equal(expected, rows.Single(r => r[0] == name));
        }

        var counted = sessions.Values.Where(s => s.Possible > 0).ToList();
        foreach (var (label, band) in s_bands.Select((l, i) => (l, i)))
        {
            var n = counted.Count(s => Band(s) == band);
            Assert.Equal([label, Number(n), Percent(n, counted.Count)], rows.Single(r => r[0] == label));
        }
    }

    /// <summary>The terminal's table rows as their cells, trimmed (Spectre's box-drawing borders).</summary>
    private static List<string[]> Rows(string text) =>
    [
        .. text.Split('\n').Where(l => l.TrimStart().StartsWith('│'))
            .Select(l => l.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray()),
    ];
}
