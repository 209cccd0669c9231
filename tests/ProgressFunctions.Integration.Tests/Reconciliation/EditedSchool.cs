using System.Globalization;
using System.Text.Json.Nodes;
using ProgressFunctions.Integration.Tests.Integrity;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>The changes made to the generated secondary school's export for what the generated schools do not have.</summary>
/// <remarks>
/// One pupil with SEN (<see cref="AbsentPupil"/>) is absent for the last 12 school days of the export, to the as-of date
/// (a Friday, the last day of the week the weekly summary covers): ill (I) for the first 7 days, then unauthorised (O)
/// for 5, after a day present in both sessions, so there is one continuous absence of exactly 12 school days. And
/// school.json gives the SEN report an agreed format (<see cref="SenSections"/>): five sections in an order of the
/// school's own, homework left out, named as a school might write them.
/// </remarks>
internal static class EditedSchool
{
    public const int AbsentDays = 12;
    public const int IllDays = 7;

    /// <summary>school.json's <c>senReport.sections</c>, in the school's order.</summary>
    public static readonly string[] SenSections = ["Progress by subject", "interventions", "Attendance", "notes", "behaviour"];

    public static void Apply(string folder)
    {
        var pupil = AbsentPupil(ExportRows.Read(folder));
        var path = Path.Combine(folder, "attendance.csv");
        var attendance = Table.Parse(File.ReadAllText(path));
        var absent = SchoolDays(attendance.Rows.Select(r => r[attendance.Header.IndexOf("Date")])).TakeLast(AbsentDays).ToList();
        foreach (var row in attendance.Where("UPN", pupil.Upn).ToList())
        {
            var day = absent.IndexOf(attendance.Get(row, "Date"));
            if (day < 0)
            {
                continue;
            }

            attendance.Set(row, "Mark", day < IllDays ? "I" : "O");
            attendance.Set(row, "Minutes Late", "");
            attendance.Set(row, "Late Reason", "");
        }

        File.WriteAllText(path, attendance.ToCsv());

        var settings = Path.Combine(folder, "school.json");
        var json = JsonNode.Parse(File.ReadAllText(settings))!.AsObject();
        json["senReport"] = new JsonObject { ["sections"] = new JsonArray([.. SenSections.Select(s => (JsonNode)JsonValue.Create(s))]) };
        File.WriteAllText(settings, json.ToJsonString());
    }

    /// <summary>The first pupil with SEN in pupils.csv on roll all year and present in both sessions of the day before the absence.</summary>
    public static PupilRow AbsentPupil(ExportRows export)
    {
        var days = SchoolDays(export.MarksByUpn.SelectMany(m => m).Select(m => m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        var before = DateOnly.ParseExact(days[^(AbsentDays + 1)], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var first = DateOnly.ParseExact(days[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return export.Pupils.First(p => p.Sen != "N" && (p.Admitted is null || p.Admitted <= first) && p.Left is null
            && export.MarksByUpn[p.Upn].Count(m => m.Date == before && m.Code is "/" or "\\") == 2);
    }

    private static IEnumerable<string> SchoolDays(IEnumerable<string> dates) => dates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
