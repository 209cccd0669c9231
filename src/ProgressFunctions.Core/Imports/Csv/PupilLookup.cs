using ProgressFunctions.Core.Attendance;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>Finds the register for a UPN as written in a row, without allocating when it repeats the last one.</summary>
internal sealed class PupilLookup
{
    private readonly AttendanceRegisters _registers;
    private readonly IReadOnlyDictionary<string, string>? _pupilIdByUpn;
    private readonly Dictionary<string, PupilRegister?> _byUpn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PupilRegister?>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private string _lastUpn = "";
    private PupilRegister? _last;

    public PupilLookup(AttendanceRegisters registers, IReadOnlyDictionary<string, string>? pupilIdByUpn)
    {
        _registers = registers;
        _pupilIdByUpn = pupilIdByUpn;
        _bySpan = _byUpn.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The register, or null with the reason the UPN cannot be used.</summary>
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
            problem = Upn.Check(key) ?? "no pupil with this UPN in pupils.csv";
            return null;
        }

        _lastUpn = upn.ToString();
        _last = register;
        return register;
    }

    private PupilRegister? Resolve(string upn)
    {
        if (_pupilIdByUpn is not null)
        {
            return _pupilIdByUpn.TryGetValue(upn, out var id) ? _registers.RegisterFor(id) : null;
        }

        return Upn.IsValid(upn) ? _registers.RegisterFor(RecordIds.PupilFromUpn(upn)) : null;
    }
}
