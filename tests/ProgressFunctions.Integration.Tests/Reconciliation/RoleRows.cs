using System.Globalization;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

internal sealed record TraitsRow(string Upn, string Gender, bool FreeSchoolMeals, bool PupilPremium, bool Eal, bool LookedAfter)
{
    /// <summary>The DfE's: free school meals, looked after (or adopted from care), which the pupil premium covers.</summary>
    public bool Disadvantaged => FreeSchoolMeals || PupilPremium || LookedAfter;
}

internal sealed record InterventionRow(string Upn, string Type, DateOnly Start, DateOnly? End)
{
    public bool OpenOn(DateOnly date) => Start <= date && (End is null || End >= date);
}

internal sealed record ContactRow(string ContactId, string Upn, string Title, string Forename, string Surname, string Phone, string Relationship, bool ParentalResponsibility, int Priority, string Restriction);

internal sealed record BehaviourRow(string Upn, DateOnly Date, int Points);

internal sealed record HomeworkRow(string Upn, DateOnly Due, string Status);

/// <summary>The export files the role reports read besides those of <see cref="ExportRows"/>, read back the same plain way.</summary>
/// <remarks>
/// <see cref="SchoolDays"/> are the dates on which the export holds any attendance mark: in a generated export every
/// pupil on roll is marked on every school day up to the as-of date, so these are the school's days so far.
/// </remarks>
internal sealed class RoleRows
{
    public required IReadOnlyDictionary<string, TraitsRow> Traits { get; init; }
    public required IReadOnlyList<InterventionRow> Interventions { get; init; }
    public required IReadOnlyList<(string StaffId, string Upn)> Caseloads { get; init; }
    public required ILookup<string, ContactRow> ContactsByUpn { get; init; }
    public required ILookup<string, BehaviourRow> BehaviourByUpn { get; init; }
    public required ILookup<string, HomeworkRow> HomeworkByUpn { get; init; }
    public required IReadOnlyDictionary<(string Upn, DateOnly Date, string Session), string> LateReasons { get; init; }
    public required IReadOnlyList<DateOnly> SchoolDays { get; init; }
    public required IReadOnlyDictionary<string, string> StaffByEmail { get; init; }

    public static RoleRows Read(string folder)
    {
        static bool Yes(string v) => v.Trim().ToUpperInvariant() is "Y" or "YES" or "TRUE" or "1";
        static DateOnly Day(string v) => ExportRows.Date(v)!.Value;
        var attendance = ExportRows.Rows(folder, "attendance.csv").ToList();
        return new RoleRows
        {
            Traits = ExportRows.Rows(folder, "pupils.csv").ToDictionary(r => r["UPN"],
                r => new TraitsRow(r["UPN"], r["Gender"].Trim(), Yes(r["FSM"]), Yes(r["Pupil Premium"]), Yes(r["EAL"]), Yes(r["Looked After"])), StringComparer.Ordinal),
            Interventions = [.. ExportRows.Rows(folder, "interventions.csv").Select(r => new InterventionRow(r["UPN"], r["Type"], Day(r["Start"]), ExportRows.Date(r["End"])))],
            Caseloads = [.. ExportRows.Rows(folder, "caseloads.csv").Select(r => (r["Staff ID"], r["UPN"]))],
            ContactsByUpn = ExportRows.Rows(folder, "contacts.csv").Select(r => new ContactRow(r["Contact ID"], r["Pupil UPN"], r["Title"], r["Forename"], r["Surname"], r["Phone"],
                r["Relationship"], Yes(r["Parental Responsibility"]), r["Priority"].Length == 0 ? 1 : int.Parse(r["Priority"], CultureInfo.InvariantCulture), r["Restriction"]))
                .ToLookup(c => c.Upn, StringComparer.Ordinal),
            BehaviourByUpn = ExportRows.Rows(folder, "behaviour.csv").Select(r => new BehaviourRow(r["UPN"], Day(r["Date"]), int.Parse(r["Points"], CultureInfo.InvariantCulture)))
                .ToLookup(b => b.Upn, StringComparer.Ordinal),
            HomeworkByUpn = ExportRows.Rows(folder, "homework.csv").Select(r => new HomeworkRow(r["UPN"], Day(r["Due"]), r["Status"].Trim().ToLowerInvariant()))
                .ToLookup(h => h.Upn, StringComparer.Ordinal),
            LateReasons = attendance.Where(r => r["Late Reason"].Length > 0).ToDictionary(r => (r["UPN"], Day(r["Date"]), r["Session"]), r => r["Late Reason"]),
            SchoolDays = [.. attendance.Select(r => Day(r["Date"])).Distinct().Order()],
            StaffByEmail = ExportRows.Rows(folder, "staff.csv").ToDictionary(r => r["Email"].Trim().ToLowerInvariant(), r => r["Staff ID"], StringComparer.Ordinal),
        };
    }
}
