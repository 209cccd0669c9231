using ProgressFunctions.Core.Imports.Bundle;

namespace ProgressFunctions.Cli.Imports;

/// <summary>A CSV bundle folder, packed as the zip it would be uploaded as.</summary>
internal static class ExportFolder
{
    public static byte[] Zip(string folder) =>
        BundleZip.Create(Directory.EnumerateFiles(folder).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
}
