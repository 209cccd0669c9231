using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>Finds the register for a UPN as written in a row, without allocating when it repeats the last one.</summary>
internal sealed class PupilLookup
{
    private readonly AttendanceRegisters _registers;
    private readonly PupilIndex? _pupils;
    private readonly Dictionary<string, PupilRegister?> _byUpn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PupilRegister?>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private string _lastUpn = "";
    private PupilRegister? _last;

    public PupilLookup(AttendanceRegisters registers, PupilIndex? pupils)
    {
        _registers = registers;
        _pupils = pupils;
        _bySpan = _byUpn.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The register, or null with the reason the UPN cannot be used.</summary>
    /// <remarks>
    /// The reason is given on a UPN's first row only, saying that every row for it is left out; later rows come back
    /// null with a null <paramref name="problem"/>, to be skipped without a message.
    /// </remarks>
    public PupilRegister? Find(ReadOnlySpan<char> upn, out string? problem)
    {
        problem = null;
        if (_last is not null && upn.SequenceEqual(_lastUpn))
        {
            return _last;
        }

        Span<char> upper = stackalloc char[Math.Min(upn.Length, 64)];
        var n = upn[..upper.Length].ToUpperInvariant(upper);
        var key = upper[..n];
        if (!_bySpan.TryGetValue(key, out var register))
        {
            var text = key.ToString();
            register = Resolve(text);
            _byUpn[text] = register;
        }

        if (register is null)
        {
            problem = Problem(key.ToString());
            return null;
        }

        _lastUpn = upn.ToString();
        _last = register;
        return register;
    }

    // One message per UPN, on its first row: a pupil missing from pupils.csv has a row per session, and 246 errors
    // alike buried the few that differed.
    private string? Problem(string upn)
    {
        if (!_reported.Add(upn))
        {
            return null;
        }

        if (_pupils is null)
        {
            return Upn.Check(upn) is { } invalid ? $"{invalid}; {OtherRows}" : null;
        }

        _pupils.Find(upn, out var problem, out var refused);
        return refused || problem is null ? problem : $"{problem}; {OtherRows}";
    }

    private const string OtherRows = "neither this row nor any other row for this UPN in the file is imported";

    private PupilRegister? Resolve(string upn)
    {
        if (_pupils is not null)
        {
            return _pupils.Find(upn, out _, out _) is { } id ? _registers.RegisterFor(id) : null;
        }

        return Upn.IsValid(upn) ? _registers.RegisterFor(RecordIds.PupilFromUpn(upn)) : null;
    }
}
