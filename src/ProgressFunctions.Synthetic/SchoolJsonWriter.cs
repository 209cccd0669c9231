using System.Globalization;
using System.Text.Json;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>Writes <c>school.json</c> in the format <see cref="SchoolJson"/> reads.</summary>
public static class SchoolJsonWriter
{
    public static void Write(SchoolProfile profile, IReadOnlyList<StaffRole> staffRoles, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("urn", profile.Urn);
        json.WriteString("name", profile.Name);
        json.WriteString("phase", profile.Phase == SchoolPhase.AllThrough ? "all-through" : profile.Phase.ToString().ToLowerInvariant());
        json.WriteString("localAuthority", profile.LocalAuthority);
        json.WriteString("establishment", profile.Establishment);
        if (profile.Settings.Sender is { } sender)
        {
            json.WriteString("sender", sender.ToHeader());
        }

        if (profile.Settings.ContactLine is { } contactLine)
        {
            json.WriteString("contactLine", contactLine);
        }

        if (profile.Settings.ExportedAt is { } exportedAt)
        {
            json.WriteString("exportedAt", exportedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }
        json.WriteStartArray("terms");
        foreach (var term in profile.Terms)
        {
            json.WriteStartObject();
            json.WriteString("name", term.Name.ToString().ToLowerInvariant());
            json.WriteString("start", Date(term.Start));
            json.WriteString("end", Date(term.End));
            if (term.HalfTerm is { } half)
            {
                json.WriteStartObject("halfTerm");
                json.WriteString("start", Date(half.Start));
                json.WriteString("end", Date(half.End));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteDates(json, "insetDays", profile.InsetDays);
        WriteDates(json, "closureDays", profile.ClosureDays);
        json.WriteStartArray("gradeScales");
        foreach (var scale in profile.CustomScales)
        {
            json.WriteStartObject();
            json.WriteString("name", scale.Name);
            json.WriteStartArray("grades");
            scale.Grades.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("staffRoles");
        foreach (var role in staffRoles)
        {
            json.WriteStartObject();
            json.WriteString("staffId", role.StaffId);
            json.WriteString("role", role.Role.ToString());
            json.WriteString("scope", role.Scope);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDates(Utf8JsonWriter json, string name, IEnumerable<DateOnly> dates)
    {
        json.WriteStartArray(name);
        foreach (var date in dates)
        {
            json.WriteStringValue(Date(date));
        }

        json.WriteEndArray();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
