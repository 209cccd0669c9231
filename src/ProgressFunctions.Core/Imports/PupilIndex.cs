namespace ProgressFunctions.Core.Imports;

/// <summary>Which pupil each UPN of an export is, and which pupils' rows were refused, for the files that name pupils by UPN.</summary>
/// <remarks>
/// A refused pupil (a duplicate or invalid id, a duplicate UPN) takes every row that depends on it with it: contacts,
/// attendance, results, targets, behaviour. Those rows are refused with a pointer to the pupil's row, once per file
/// and pupil, so one bad pupil row gives one error per file rather than hundreds.
/// </remarks>
public sealed class PupilIndex
{
    private readonly Dictionary<string, string> _idByUpn = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _refusedByUpn = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RowRef> _whereById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly?> _unlisted = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<PupilMention>> _mentions = new(StringComparer.Ordinal);

    /// <summary>UPN (upper case) to pupil id, for the pupils accepted.</summary>
    public IReadOnlyDictionary<string, string> IdByUpn => _idByUpn;

    /// <summary>Where each accepted pupil's row is (<c>pupils.csv:7</c>), for errors found after reading.</summary>
    public IReadOnlyDictionary<string, RowRef> WhereById => _whereById;

    /// <summary>The valid UPNs other files named that pupils.csv neither listed nor refused, each with the last day
    /// attendance.csv marks them (null when it has no row for them).</summary>
    /// <remarks>
    /// A pupil marked on the export's last day but missing from its pupil file means the pupil file is not the whole roll
    /// (<see cref="SchoolExport.MarkedButUnlisted"/>); one whose marks stop earlier may be a leaver whose history the MIS
    /// exported.
    /// </remarks>
    public IReadOnlyDictionary<string, DateOnly?> Unlisted => _unlisted;

    /// <summary>The first row of each other file that names each accepted pupil, in the order the files were read.</summary>
    /// <remarks>
    /// A pupil refused after reading (<see cref="PupilIdentity"/>) takes these files' rows with it; the error of each
    /// file then points to a row of it, not only to the pupil's row in pupils.csv.
    /// </remarks>
    public IReadOnlyDictionary<string, IReadOnlyList<PupilMention>> Mentions => _mentions;

    /// <summary>An index of pupils read elsewhere (a registers-only file, a benchmark), each accepted.</summary>
    public static PupilIndex Of(IEnumerable<Schools.Pupil> pupils)
    {
        var index = new PupilIndex();
        foreach (var pupil in pupils)
        {
            index.Accept(pupil.Upn, pupil.Id, new RowRef("pupils", 0));
        }

        return index;
    }

    public void Accept(string upn, string pupilId, RowRef where)
    {
        _idByUpn[upn] = pupilId;
        _whereById[pupilId] = where;
    }

    /// <summary>Notes that <paramref name="file"/> names the accepted pupil <paramref name="pupilId"/> at <paramref name="line"/>; only its first row per file is kept.</summary>
    /// <remarks>Files are read one after another, so a file already noted for the pupil is the last one noted.</remarks>
    internal void Mentioned(string pupilId, string file, int line, string column)
    {
        if (!_mentions.TryGetValue(pupilId, out var rows))
        {
            _mentions[pupilId] = [new PupilMention(file, line, column)];
        }
        else if (rows[^1].File != file)
        {
            _mentions[pupilId] = [.. rows, new PupilMention(file, line, column)];
        }
    }

    /// <summary>Records that the pupil with <paramref name="upn"/> was refused, and why (with where its row is).</summary>
    public void Refuse(string upn, string why)
    {
        _idByUpn.Remove(upn);
        _refusedByUpn.TryAdd(upn, why);
    }

    /// <summary>Whether pupils.csv has a row for this UPN that was refused.</summary>
    public bool IsRefused(string upn) => _refusedByUpn.ContainsKey(upn);

    /// <summary>The id of the accepted pupil with this UPN (any case), or null.</summary>
    public string? Find(ReadOnlySpan<char> upn) =>
        _idByUpn.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(upn, out var id) ? id : null;

    /// <summary>The pupil id for a UPN, or null with the reason; a refused pupil's reason points to its row.</summary>
    public string? Find(string upn, out string? problem, out bool refused)
    {
        if (_idByUpn.TryGetValue(upn, out var id))
        {
            (problem, refused) = (null, false);
            return id;
        }

        refused = _refusedByUpn.TryGetValue(upn, out var why);
        problem = refused ? $"the pupil was not imported ({why}), so neither is this row nor any other row for this pupil in the file"
            : Upn.Check(upn);
        if (problem is null)
        {
            _unlisted.TryAdd(upn, null);
            problem = "no pupil with this UPN in pupils.csv";
        }

        return null;
    }

    /// <summary>Notes that attendance.csv marks the unlisted pupil <paramref name="upn"/> on <paramref name="date"/>.</summary>
    internal void MarkedUnlisted(string upn, DateOnly date)
    {
        if (_unlisted.TryGetValue(upn, out var last) && (last is null || date > last))
        {
            _unlisted[upn] = date;
        }
    }
}

/// <summary>Where a file other than pupils.csv names a pupil: its first row there, and the column that names them.</summary>
public readonly record struct PupilMention(string File, int Line, string Column);
