using System.Diagnostics.CodeAnalysis;

namespace ProgressFunctions.Core.Attendance;

/// <summary>
/// One attendance register mark: the 2024 DfE code set (School Attendance (Pupil Registration) (England)
/// Regulations 2024, reg. 10) plus the legacy codes <c>H</c>, <c>F</c>, <c>J</c> and <c>Y</c>, which are read from
/// historic data and never emitted.
/// </summary>
/// <remarks>
/// A mark is a code, not a character: <c>C1</c>, <c>C2</c>, <c>J1</c> and <c>Y1</c>-<c>Y7</c> are two characters.
/// The value is a one-byte index into a fixed table so that a year of marks for a whole school is a compact array.
/// </remarks>
public readonly struct AttendanceCode : IEquatable<AttendanceCode>
{
    private readonly byte _index;

    private AttendanceCode(byte index) => _index = index;

    /// <summary>Position in <see cref="AttendanceCodeTable"/>; stable for the life of the process.</summary>
    internal byte Index => _index;

    public string Code => AttendanceCodeTable.Entries[_index].Code;

    public string Meaning => AttendanceCodeTable.Entries[_index].Meaning;

    public AttendanceCategory Category => AttendanceCodeTable.Entries[_index].Category;

    /// <summary><c>L</c> (late before the register closed) and <c>U</c> (late after it closed).</summary>
    public bool IsLate => AttendanceCodeTable.Entries[_index].IsLate;

    /// <summary>A pre-August-2024 code: readable, never written.</summary>
    public bool IsLegacy => AttendanceCodeTable.Entries[_index].IsLegacy;

    /// <summary>Every current code in register order, for tables and pickers; legacy codes are excluded.</summary>
    public static IReadOnlyList<AttendanceCode> Current { get; } =
        [.. Enumerable.Range(0, AttendanceCodeTable.Entries.Length).Where(i => !AttendanceCodeTable.Entries[i].IsLegacy).Select(i => new AttendanceCode((byte)i))];

    /// <summary>The legacy codes, read from historic data only.</summary>
    public static IReadOnlyList<AttendanceCode> Legacy { get; } =
        [.. Enumerable.Range(0, AttendanceCodeTable.Entries.Length).Where(i => AttendanceCodeTable.Entries[i].IsLegacy).Select(i => new AttendanceCode((byte)i))];

    internal static int Count => AttendanceCodeTable.Entries.Length;

    internal static AttendanceCode FromIndex(int index) => new((byte)index);

    /// <summary>Reads a code exactly as registers write it (case-sensitive: <c>/</c>, <c>\</c>, <c>C1</c>...).</summary>
    /// <remarks>Surrounding white space is ignored; anything else unknown is an error that names it.</remarks>
    /// <exception cref="FormatException">The text is not a DfE attendance code.</exception>
    public static AttendanceCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not a DfE attendance code (see 'progress codes' for the list).");

    /// <summary>Why <paramref name="text"/> is not read as a code, as an import error says it: with the code meant when only its case is wrong.</summary>
    /// <remarks>Codes stay case-sensitive: a lower-case letter is refused, not taken for the capital, since the register's
    /// meaning must come from the MIS, but the data manager is told which code the export probably meant.</remarks>
    public static string Unknown(string text, string? where = null)
    {
        var meant = text.Trim().ToUpperInvariant();
        var at = where is null ? "" : $" {where}";
        return TryParse(meant, out _) && meant != text.Trim()
            ? $"unknown attendance code '{text}'{at}: codes are upper case, did you mean '{meant}'? (see 'progress codes')"
            : $"unknown attendance code '{text}'{at} (see 'progress codes')";
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out AttendanceCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }

        return TryParse(text.AsSpan().Trim(), out code);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out AttendanceCode code)
    {
        var index = AttendanceCodeTable.Find(text);
        code = index < 0 ? default : new AttendanceCode((byte)index);
        return index >= 0;
    }

    // Well-known codes the rest of the product refers to by name.
    public static AttendanceCode PresentAm => Parse("/");
    public static AttendanceCode PresentPm => Parse("\\");
    public static AttendanceCode LateBeforeClose => Parse("L");
    public static AttendanceCode LateAfterClose => Parse("U");
    public static AttendanceCode Illness => Parse("I");
    public static AttendanceCode NotYetKnown => Parse("N");
    public static AttendanceCode UnauthorisedOther => Parse("O");
    public static AttendanceCode HolidayNotAgreed => Parse("G");
    public static AttendanceCode Medical => Parse("M");
    public static AttendanceCode Closure => Parse("#");

    public bool Equals(AttendanceCode other) => _index == other._index;

    public override bool Equals(object? obj) => obj is AttendanceCode other && Equals(other);

    public override int GetHashCode() => _index;

    public override string ToString() => Code;

    public static bool operator ==(AttendanceCode left, AttendanceCode right) => left.Equals(right);

    public static bool operator !=(AttendanceCode left, AttendanceCode right) => !left.Equals(right);
}
