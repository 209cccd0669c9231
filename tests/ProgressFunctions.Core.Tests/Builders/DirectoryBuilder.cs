using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Builders;

/// <summary>Builds a school directory: pupils, contacts linked to them, staff with roles.</summary>
internal sealed class DirectoryBuilder
{
    private readonly List<Pupil> _pupils = [];
    private readonly List<Contact> _contacts = [];
    private readonly List<ContactLink> _links = [];
    private readonly List<StaffMember> _staff = [];
    private readonly List<StaffRole> _roles = [];

    public DirectoryBuilder Pupil(string id, int year = 7)
    {
        _pupils.Add(new Pupil { Id = id, Upn = "", LegalForename = id, LegalSurname = "Test", YearGroup = year });
        return this;
    }

    /// <summary>A contact named <paramref name="forename"/> Parent (their id when not given).</summary>
    public DirectoryBuilder Contact(string id, string? email, string? forename = null, bool emailRefused = false)
    {
        _contacts.Add(new Contact { Id = id, Forename = forename ?? id, Surname = "Parent", Email = email, EmailRefused = emailRefused });
        return this;
    }

    public DirectoryBuilder Link(string contactId, string pupilId, bool responsibility = true, bool correspondence = true, string? restriction = null, int priority = 1)
    {
        _links.Add(new ContactLink
        {
            ContactId = contactId, PupilId = pupilId, ParentalResponsibility = responsibility,
            ReceivesCorrespondence = correspondence, Restriction = restriction, Priority = priority,
        });
        return this;
    }

    public DirectoryBuilder Staff(string id, StaffRoleKind role, string? scope = null, string? email = null)
    {
        if (_staff.All(s => s.Id != id))
        {
            _staff.Add(new StaffMember { Id = id, Forename = id, Surname = "Staff", Email = email ?? $"{id}@school.example" });
        }

        _roles.Add(new StaffRole(id, role, scope));
        return this;
    }

    public SchoolDirectory Build() => new(_pupils, _contacts, _links, _staff, _roles);
}
