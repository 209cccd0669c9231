using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>An export checked against what is stored for its school, storing nothing: what ingest would refuse that the files alone cannot show.</summary>
/// <remarks>
/// The checks are the import's own, in its order (<see cref="ExportSchool.Mismatch"/>, then <see cref="StoredChecks"/>):
/// an id the store knows under another UPN, ids whose leading zeros a spreadsheet dropped, an address moved to
/// another family, an export of another school. Without them <c>validate</c> passed files that ingest then refused
/// pupil by pupil. Read under the import lock's rules (<see cref="SchoolStates"/>): not while an import is writing.
/// </remarks>
public sealed class ExportCheck(SchoolStates states)
{
    /// <returns>
    /// The export with the store's checks applied (their errors and warnings added), or why ingest would refuse it
    /// whole; and whether anything is stored for the school, so that a mistyped school id is not taken for a first import.
    /// </returns>
    public async Task<(CheckedExport Checked, bool SchoolStored)> AgainstStoreAsync(string schoolId, SchoolExport export, bool hasSchoolJson, CancellationToken cancellationToken)
    {
        var state = await states.LoadAsync(schoolId, ProgressLoad.InterventionsOnly, cancellationToken);
        var stored = state.Profile is not null || state.Pupils.Count > 0;
        return ExportSchool.Mismatch(schoolId, export, hasSchoolJson, state.Profile) is { } mismatch
            ? (new CheckedExport(null, mismatch), stored)
            : (StoredChecks.Apply(export, state.ToStored()), stored);
    }
}
