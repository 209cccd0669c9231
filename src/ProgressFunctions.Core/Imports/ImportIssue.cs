using System.Globalization;

namespace ProgressFunctions.Core.Imports;

public enum IssueSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in an import: where it is, what was there, and why it was not accepted as is.</summary>
/// <remarks>
/// <see cref="Line"/> is the 1-based physical line of the file where the record starts (0 when the problem concerns
/// the whole file); <see cref="Column"/> is the column header or XML element name. <see cref="Value"/> may hold
/// personal data (a UPN, a name): show it to the school's own users, never write it to logs.
/// </remarks>
public sealed record ImportIssue(string File, int Line, string Column, string Value, string Reason, IssueSeverity Severity = IssueSeverity.Error)
{
    private readonly string _reason = VisibleText.Of(Reason);

    /// <summary>Why the value was not accepted as is; a character that cannot be seen is named (<see cref="VisibleText"/>), so the reader can find it.</summary>
    public string Reason { get => _reason; init => _reason = VisibleText.Of(value); }

    public bool IsError => Severity == IssueSeverity.Error;

    /// <summary>A warning the data managers are sent, as they are sent errors: what it says must be checked before anything goes out (a contact restriction lifted).</summary>
    public bool TellDataManagers { get; init; }

    /// <summary>An error that kept a whole file out rather than one of its records: the file itself (line 0, no key),
    /// or the first line of a CSV or JSON file (a header without a required column, an empty file).</summary>
    public bool StopsItsFile => IsError && (Line == 0 ? Column.Length == 0 : IsAboutHeader);

    /// <summary>Whether the issue is about the header of a CSV or JSON file (its first line): a column missing, unknown or given twice concerns every row.</summary>
    /// <remarks>Not line 1 of XML: a CTF written on one line has every pupil's record there.</remarks>
    public bool IsAboutHeader => Line == 1 && !File.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the issue concerns a whole file, not one record: the file itself (line 0) or its header. What a person reads first.</summary>
    public bool IsAboutWholeFile => Line == 0 || IsAboutHeader;

    /// <summary>The compiler-style form <c>file:line:column: reason</c> that <c>progress validate</c> prints; <c>file:key: reason</c>
    /// for a file read as a whole (school.json, line 0), where a line number would point nowhere.</summary>
    public override string ToString() => Line == 0
        ? $"{File}{(Column.Length > 0 ? ":" + Column : "")}: {(IsError ? "" : "warning: ")}{Reason}"
        : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {(IsError ? "" : "warning: ")}{Reason}");

    public static ImportIssue Error(string file, int line, string column, string value, string reason) =>
        new(file, line, column, value, reason, IssueSeverity.Error);

    public static ImportIssue Warning(string file, int line, string column, string value, string reason) =>
        new(file, line, column, value, reason, IssueSeverity.Warning);
}

/// <summary>Where a record is in an export: its file and the 1-based line it starts on.</summary>
public readonly record struct RowRef(string File, int Line)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}");
}
