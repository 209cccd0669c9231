using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>Who is who at a school: pupils, their contacts and how they are linked, staff and their roles.</summary>
public sealed class SchoolDirectory
{
    private readonly Dictionary<string, Pupil> _pupils;
    private readonly Dictionary<string, Contact> _contacts;
    private readonly Dictionary<string, StaffMember> _staff;
    private readonly ILookup<string, ContactLink> _linksByPupil;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _sharedAddresses;
    private readonly Lazy<Dictionary<string, string>> _toldApart;

    public SchoolDirectory(IEnumerable<Pupil> pupils, IEnumerable<Contact> contacts, IEnumerable<ContactLink> links, IEnumerable<StaffMember> staff, IEnumerable<StaffRole> roles)
    {
        _pupils = pupils.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _contacts = contacts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _staff = staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
        Links = [.. links];
        Roles = [.. roles];
        _linksByPupil = Links.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        _sharedAddresses = new(() => SharedAddresses.Find(_contacts.Values, Links));
        _toldApart = new(() => ReportFormat.TellApart(_pupils.Values));
    }

    public IReadOnlyCollection<Pupil> Pupils => _pupils.Values;

    public IReadOnlyList<ContactLink> Links { get; }

    public IReadOnlyList<StaffRole> Roles { get; }

    public Pupil? Pupil(string id) => _pupils.GetValueOrDefault(id);

    /// <summary>The name staff lists give the pupil, told apart from others of the same name (<see cref="ReportFormat.NameOf"/>).</summary>
    public string ListedName(string pupilId) =>
        _toldApart.Value.GetValueOrDefault(pupilId) ?? _pupils.GetValueOrDefault(pupilId)?.DisplayName ?? pupilId;

    public Contact? Contact(string id) => _contacts.GetValueOrDefault(id);

    public StaffMember? Staff(string id) => _staff.GetValueOrDefault(id);

    public IEnumerable<ContactLink> LinksOf(string pupilId) => _linksByPupil[pupilId];

    /// <summary>Contacts known to share their address with another family beyond this directory's contacts: the whole school's, worked out at import, for a directory of one family.</summary>
    public IReadOnlyDictionary<string, string> KnownSharedAddresses { get; init; } = new Dictionary<string, string>();

    /// <summary>The id of a contact of another family with the same e-mail address as <paramref name="contactId"/>, or null (<see cref="SharedAddresses"/>).</summary>
    public string? AddressSharedWith(string contactId) => KnownSharedAddresses.GetValueOrDefault(contactId) ?? _sharedAddresses.Value.GetValueOrDefault(contactId);
}
