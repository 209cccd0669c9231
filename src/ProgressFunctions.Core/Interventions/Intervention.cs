namespace ProgressFunctions.Core.Interventions;

/// <summary>A programme of support a pupil is on: what it is, when it runs, who leads it, and where its notes are kept.</summary>
/// <remarks>
/// <see cref="Start"/> and <see cref="End"/> are school days' dates, both inclusive; <see cref="End"/> is null while
/// the intervention is still running (open). <see cref="StaffId"/> keeps <see cref="Schools.RecordId"/>'s rule;
/// <see cref="NotesId"/> is the MIS's reference to the notes kept about it, printed as given.
/// </remarks>
public sealed record Intervention
{
    public required string PupilId { get; init; }
    public required string Type { get; init; }
    public required DateOnly Start { get; init; }
    public DateOnly? End { get; init; }
    public string? StaffId { get; init; }
    public string? NotesId { get; init; }

    /// <summary>Running on <paramref name="date"/>: started on or before it and not ended before it.</summary>
    public bool IsOpenOn(DateOnly date) => Start <= date && (End is null || End >= date);

    /// <summary>"Reading catch-up (since 3 Mar)": how digests and lists mark a pupil with an open intervention.</summary>
    public string Label => $"{Type} (since {Start.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)})";
}
