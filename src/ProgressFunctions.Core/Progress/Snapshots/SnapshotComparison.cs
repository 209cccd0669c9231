namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>How one pupil's subject moved between two snapshots.</summary>
/// <remarks><see cref="Change"/> is the current value now minus then, in scale points; null when either has no result.</remarks>
public sealed record SubjectChange(string PupilId, string Subject, decimal? From, decimal? To, ProgressBand? FromBand, ProgressBand? ToBand)
{
    public decimal? Change => To - From;

    /// <summary>Band steps towards "above" (positive) or towards "well below" (negative); null unless both have a band.</summary>
    public int? BandMovement => FromBand is { } from && ToBand is { } to ? (int)from - (int)to : null;
}

/// <summary>The change between two snapshots of a school, subject by subject.</summary>
/// <remarks>Pupils match by id and subjects by name, case-insensitively.</remarks>
public static class SnapshotComparison
{
    /// <summary>A change for every pupil and subject in <paramref name="current"/>; From is null for a subject new since <paramref name="previous"/>.</summary>
    public static EquatableList<SubjectChange> Compare(TermSnapshot? previous, TermSnapshot current)
    {
        var before = SubjectsOf(previous);
        return current.Pupils.SelectMany(p => p.Subjects.Select(s =>
        {
            var then = before.GetValueOrDefault(SubjectKey.Of(p.PupilId, s.Subject));
            return new SubjectChange(p.PupilId, s.Subject, then?.Current, s.Current, then?.Band, s.Band);
        })).ToEquatableList();
    }

    /// <summary>Pupils not making expected progress now who were making it in (or were absent from) the previous snapshot.</summary>
    public static EquatableList<string> NewlyNotMakingExpectedProgress(TermSnapshot? previous, TermSnapshot current)
    {
        var before = (previous?.NotMakingExpectedProgress ?? []).Select(p => p.PupilId).ToHashSet(StringComparer.Ordinal);
        return current.NotMakingExpectedProgress.Where(p => !before.Contains(p.PupilId)).Select(p => p.PupilId).ToEquatableList();
    }

    /// <exception cref="ArgumentException">A pupil has the same subject twice.</exception>
    internal static Dictionary<SubjectKey, SubjectSnapshot> SubjectsOf(TermSnapshot? snapshot)
    {
        var pupils = snapshot?.Pupils ?? [];
        var subjects = new Dictionary<SubjectKey, SubjectSnapshot>(pupils.Sum(p => p.Subjects.Count));
        foreach (var pupil in pupils)
        {
            foreach (var subject in pupil.Subjects)
            {
                subjects.Add(SubjectKey.Of(pupil.PupilId, subject.Subject), subject);
            }
        }

        return subjects;
    }
}
