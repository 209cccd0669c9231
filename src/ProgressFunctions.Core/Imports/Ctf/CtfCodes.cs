namespace ProgressFunctions.Core.Imports.Ctf;

/// <summary>The CTF element names and code lists this product reads and writes (CTF 21 specification, v1.1, July 2021).</summary>
public static class CtfCodes
{
    public const string Version = "21.0";

    /// <summary>The <c>Method</c> our writer gives school (non-statutory) assessment results; the scale is in <c>ResultQualifier</c>.</summary>
    public const string InternalMethod = "INT";

    /// <summary>One character per session in <c>AttendMarks</c> for a session with no mark (weekends, holidays, not yet taken).</summary>
    public const char NoMark = '-';

    private static readonly (string Code, string Word)[] s_relationships =
    [
        ("PAR", "Parent"), ("CAR", "Carer"), ("REL", "Relative"), ("STP", "Step-parent"), ("FOF", "Foster parent"),
        ("SWR", "Social worker"), ("OTH", "Other"),
    ];

    public static string RelationshipCode(string word) =>
        s_relationships.FirstOrDefault(r => string.Equals(r.Word, word, StringComparison.OrdinalIgnoreCase)).Code ?? word;

    public static string RelationshipWord(string code) =>
        s_relationships.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase)).Word ?? code;

    /// <summary>First languages that mean "not EAL": English and "believed to be English".</summary>
    public static bool IsEnglish(string code) => code.ToUpperInvariant() is "ENG" or "ENB" or "";
}
