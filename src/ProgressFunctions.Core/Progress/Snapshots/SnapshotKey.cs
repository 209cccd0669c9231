using System.Globalization;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>Where in a term a snapshot is taken.</summary>
public enum SnapshotPoint
{
    /// <summary>The start-of-term baseline.</summary>
    Start,
    /// <summary>The end-of-term snapshot, which the term's reports are made from.</summary>
    End,
    /// <summary>Year 6's KS2 results, taken in the summer term once the export carries the test scaled scores (after results day).</summary>
    Ks2Results,
}

/// <summary>What identifies a snapshot: one per school, academic year, term and point, so taking it twice changes nothing.</summary>
public sealed record SnapshotKey(string SchoolId, AcademicYear Year, TermName Term, SnapshotPoint Point)
{
    public static SnapshotKey For(string schoolId, Term term, SnapshotPoint point) => new(schoolId, term.Year, term.Name, point);

    /// <summary>A stable id such as "123456/2025-26-autumn-end", for document ids and storage paths.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture,
        $"{SchoolId}/{Year.StartYear}-{(Year.StartYear + 1) % 100:00}-{Term.ToString().ToLowerInvariant()}-{Point.ToString().ToLowerInvariant()}");

    public override string ToString() => Id;
}
