namespace ProgressFunctions.Core.Imports;

/// <summary>The warnings made from a whole export rather than a row: the same for ingest and for validate, so validating first finds what the import report would.</summary>
public static class ExportWarnings
{
    public static SchoolExport Add(SchoolExport export) => BirthDates.Warn(MissingTargets.Warn(SharedAddressWarnings.Add(export)));
}
