using System.Globalization;
using ProgressFunctions.Core;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using Spectre.Console;

namespace ProgressFunctions.Cli.Demo;

/// <summary>Lays out the attendance picture of a school for the terminal; every figure comes from Core.</summary>
internal static class AttendanceReport
{
    public static void Write(IAnsiConsole console, IReadOnlyList<PupilAttendanceView> pupils)
    {
        var summaries = pupils.Select(p => p.Summary).ToList();
        var withTotals = pupils.Select(p => (p.Pupil, Totals: p.Summary.YearToDate)).ToList();
        var whole = CohortSummary.Of("Whole school", withTotals.Select(p => p.Totals));
        console.Write(CohortTable("Attendance this year to date", [whole, .. CohortBreakdown.By(withTotals, CohortDimension.YearGroup)]));
        console.Write(BandTable(whole));
        console.Write(CohortTable("By SEN and disadvantage", [
            .. CohortBreakdown.By(withTotals, CohortDimension.Sen),
            .. CohortBreakdown.By(withTotals, CohortDimension.FreeSchoolMeals),
        ]));
        console.Write(PupilTable(summaries));
    }

    private static Table CohortTable(string title, IEnumerable<CohortSummary> rows)
    {
        var table = new Table().Title(title).AddColumns("Cohort", "Pupils", "Attendance", "Authorised", "Unauthorised", "PA", "PA rate", "Severe");
        foreach (var c in rows)
        {
            table.AddRow(c.Name, N(c.Pupils), Percentages.Format(c.AttendanceRate), Percentages.Format(c.Totals.AuthorisedAbsenceRate),
                Percentages.Format(c.Totals.UnauthorisedAbsenceRate), N(c.PersistentAbsentees), Percentages.Format(c.PersistentAbsenceRate), N(c.SevereAbsentees));
        }

        return table;
    }

    private static Table BandTable(CohortSummary whole)
    {
        var table = new Table().Title("Attendance bands").AddColumns("Band", "Pupils", "Share");
        foreach (var band in AttendanceBands.All)
        {
            table.AddRow(band.Label(), N(whole.Bands[band]), Percentages.Format(Percentages.Of(whole.Bands[band], whole.Pupils)));
        }

        return table;
    }

    private static Table PupilTable(IReadOnlyList<PupilAttendanceSummary> summaries)
    {
        var table = new Table().Title("Pupils to look at (pseudonymous ids)")
            .AddColumns("Pupil", "Attendance", "Absences to spare before PA at year end", "Unauth. 10 wks", "Pattern / evidence");
        var interesting = summaries
            .Where(s => s.Patterns.Count > 0 || s.RollingUnauthorised.ReachesThreshold || (s.Runway.BeforePersistent is < 10 && s.Runway.BeforePersistent < s.Runway.SessionsRemaining))
            .OrderByDescending(s => s.Patterns.Count).ThenBy(s => s.PupilId, StringComparer.Ordinal)
            .Take(8);
        foreach (var s in interesting)
        {
            table.AddRow(s.PupilId, Percentages.Format(s.YearToDate.AttendanceRate), Runway(s.Runway),
                N(s.RollingUnauthorised.UnauthorisedSessions), Markup.Escape(string.Join("; ", s.Patterns.Select(p => p.Evidence).DefaultIfEmpty("-"))));
        }

        return table;
    }

    private static string Runway(PersistentAbsenceRunway runway) => runway.BeforePersistent switch
    {
        null => "none: PA at year end even with full attendance",
        var k when k == runway.SessionsRemaining => "cannot reach PA",
        var k => $"{k} sessions",
    };

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
