using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Imports.Ctf;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>An export read from one file, or why it could not be read at all.</summary>
/// <remarks><see cref="SchoolJson"/> is the bundle's <c>school.json</c> text, kept so the school's settings can be stored verbatim.</remarks>
public sealed record ExportRead(SchoolExport? Export, string? SchoolJson, string? Error);

/// <summary>Reads an export delivered as one file: a zipped CSV bundle or a CTF XML file, told apart by content.</summary>
public static class ExportFile
{
    /// <remarks>
    /// A CTF carries no term dates, so it is placed on the calendar of <paramref name="known"/>, the stored profile,
    /// or on <paramref name="fallbackCalendar"/> when there is none (validation without a school's own dates).
    /// </remarks>
    public static ExportRead Read(byte[] content, string name, SchoolProfile? known, SchoolCalendar? fallbackCalendar = null)
    {
        if (content.Length >= 2 && content[0] == (byte)'P' && content[1] == (byte)'K')
        {
            if (!ZipBundleSource.TryOpen(new MemoryStream(content, writable: false), name, ZipLimits.Default, out var zip, out var error))
            {
                return new ExportRead(null, null, error);
            }

            using (zip)
            {
                var export = BundleReader.Read(zip!, new BundleReadOptions(known?.Calendar));
                return new ExportRead(export, ReadText(zip!, SchoolJsonFile), null);
            }
        }

        if (CtfReader.LooksLikeXml(content.AsSpan(0, Math.Min(content.Length, 256))))
        {
            if ((known?.Calendar ?? fallbackCalendar) is not { } calendar)
            {
                return new ExportRead(null, null, $"{name} is a CTF file, which carries no term dates: import a CSV bundle with school.json for this school first");
            }

            var ctf = CtfReader.Read(new MemoryStream(content, writable: false), calendar, name, known?.Scales, out var unreadable);
            return unreadable is not null ? new ExportRead(null, null, unreadable)
                : NamesNoSchool(ctf.Profile) ? new ExportRead(null, null,
                    $"{name} names no source school (Header/SourceSchool with a URN, or an LEA and Estab), so it cannot be checked to be this school's: nothing of it was imported; export it again from the MIS")
                : new ExportRead(ctf, null, null);
        }

        return new ExportRead(null, null, $"{name} is neither a zip archive of a CSV bundle nor an XML (CTF) file");
    }

    /// <summary>The school.json of a zipped CSV bundle, read alone; null for a CTF, a bundle without one, or one that cannot be read (the import says why).</summary>
    public static SchoolProfile? SchoolJsonOf(byte[] content, string name)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length < 2 || content[0] != (byte)'P' || content[1] != (byte)'K'
            || !ZipBundleSource.TryOpen(new MemoryStream(content, writable: false), name, ZipLimits.Default, out var zip, out _))
        {
            return null;
        }

        using (zip)
        {
            using var json = zip!.Open(SchoolJsonFile);
            return json is null ? null : SchoolJson.Read(json, BankHolidays.EnglandAndWales, new List<ImportIssue>());
        }
    }

    private const string SchoolJsonFile = "school.json";

    /// <summary>Whether a CTF's header says nothing of the school it comes from (no header, or a SourceSchool with neither a URN nor an LA and establishment number).</summary>
    /// <remarks>Such a file cannot be told from another school's export (<see cref="ExportSchool.Mismatch"/> has nothing to compare).</remarks>
    private static bool NamesNoSchool(SchoolProfile? profile) =>
        profile is null || (profile.Urn.Length == 0 && (profile.LocalAuthority.Length == 0 || profile.Establishment.Length == 0));

    private static string? ReadText(IBundleSource source, string file)
    {
        using var stream = source.Open(file);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
