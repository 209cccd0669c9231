using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>staff.csv</c>: one row per member of staff, with their roles.</summary>
/// <remarks>
/// <c>Roles</c> holds one or more <c>Role[:Scope]</c> separated by ';', e.g. <c>YearLeader:9;Teacher:9A</c>; a
/// member with several rows gets the roles of every row.
/// </remarks>
public static class StaffCsv
{
    public const string FileName = "staff.csv";

    public static readonly CsvColumn StaffId = new("Staff ID", true, "Staff Code", "Employee ID", "Staff Id");
    public static readonly CsvColumn Title = new("Title", false);
    public static readonly CsvColumn Forename = new("Forename", true, "First Name");
    public static readonly CsvColumn Surname = new("Surname", true, "Last Name");
    public static readonly CsvColumn Email = new("Email", true, "E-mail", "Work Email", "Email Address");
    public static readonly CsvColumn Roles = new("Roles", false, "Role", "Staff Role", "Job Role");

    public static IReadOnlyList<CsvColumn> Columns { get; } = [StaffId, Title, Forename, Surname, Email, Roles];

    /// <remarks>
    /// Staff ids keep <see cref="RecordId"/>'s rule. A member may have several rows (one per role), but every row of one
    /// Staff ID must name the same person (name and e-mail); when two rows disagree, none of that id's rows is imported
    /// and each error names the other row, so a report never goes to the wrong member of staff. A row whose e-mail address
    /// is empty or not valid is a warning: the member is kept with no address, so what they would be sent is recorded
    /// as not sent to them.
    /// </remarks>
    public static (List<StaffMember> Staff, List<StaffRole> Roles) Read(TextReader text, ICollection<ImportIssue> issues, string file = FileName)
    {
        var rows = new List<(StaffMember Member, List<StaffRole> Roles, int Line)>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var id = row.Required(StaffId);
            if (id.Length > 0 && RecordId.Check(id, "Staff ID") is { } badId)
            {
                row.Error(StaffId, id, badId);
            }

            // A member with no usable address is kept, with their roles and no address: refused, an attendance officer
            // would vanish from the staff list, and every message for the role would go unrecorded as "the school has no
            // attendance officer". Kept, each message for them is recorded as not sent, naming them.
            var email = row.Get(Email);
            if (email.Length == 0)
            {
                row.Warning(Email, "", "'Email' is empty: the member of staff is kept with their roles, but no message can reach them until the MIS gives an address");
            }
            else if (!FieldParse.IsEmail(email))
            {
                row.Warning(Email, email, $"'{email}' is not an e-mail address: the member of staff is kept with their roles and no address, and no message can reach them until the MIS gives a valid one");
                email = "";
            }

            var member = new StaffMember { Id = id, Title = row.Name(Title, required: false), Forename = row.Name(Forename), Surname = row.Name(Surname), Email = email };
            var parsed = new List<StaffRole>();
            foreach (var part in row.Get(Roles).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (StaffRoles.TryParse(id, part, out var role))
                {
                    parsed.Add(role);
                }
                else
                {
                    row.Error(Roles, part, $"'{part}' is not a role ({string.Join(", ", Enum.GetNames<StaffRoleKind>())}, optionally ':scope')");
                }
            }

            if (!row.HasErrors)
            {
                rows.Add((member, parsed, row.Line));
            }
        });

        var refused = PersonRows.Conflicting(rows.Select(r => (new PersonRows.Person(r.Member.Forename, r.Member.Surname, r.Member.Email), r.Member.Id, r.Line)), file, StaffId, issues);
        var accepted = rows.Where(r => !refused.Contains(r.Member.Id)).ToList();
        return ([.. accepted.Select(r => r.Member).DistinctBy(m => m.Id)], [.. accepted.SelectMany(r => r.Roles)]);
    }
}

/// <summary>Role names as schools write them ("Head of Year", "SENCo", "YearLeader").</summary>
public static class StaffRoles
{
    private static readonly Dictionary<string, StaffRoleKind> s_aliases = new(StringComparer.Ordinal)
    {
        ["head"] = StaffRoleKind.Headteacher,
        ["headofyear"] = StaffRoleKind.YearLeader,
        ["progressleader"] = StaffRoleKind.YearLeader,
        ["headofdepartment"] = StaffRoleKind.SubjectLeader,
        ["subjectlead"] = StaffRoleKind.SubjectLeader,
        ["attendance"] = StaffRoleKind.AttendanceOfficer,
        ["mentor"] = StaffRoleKind.ProgressMentor,
        ["chairofgovernors"] = StaffRoleKind.Governor,
        ["clerktogovernors"] = StaffRoleKind.Governor,
        ["governors"] = StaffRoleKind.Governor,
    };

    /// <summary>Reads <c>Role[:Scope]</c>.</summary>
    public static bool TryParse(string staffId, string text, out StaffRole role)
    {
        role = null!;
        var colon = text.IndexOf(':');
        var name = HeaderMap.Normalise(colon < 0 ? text : text[..colon]);
        var scope = colon < 0 ? null : text[(colon + 1)..].Trim();
        var kind = Enum.GetValues<StaffRoleKind>().Cast<StaffRoleKind?>().FirstOrDefault(k => HeaderMap.Normalise(k.ToString()) == name)
            ?? (s_aliases.TryGetValue(name, out var alias) ? alias : null);
        if (kind is null)
        {
            return false;
        }

        role = new StaffRole(staffId, kind.Value, string.IsNullOrEmpty(scope) ? null : scope);
        return true;
    }

    public static string Format(StaffRole role) => role.Scope is null ? role.Role.ToString() : $"{role.Role}:{role.Scope}";
}
