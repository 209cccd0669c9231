using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>Creating a new store so that no other process ever opens it half made.</summary>
internal sealed partial class SqliteDatabase
{
    /// <summary>Puts a new, complete store at <paramref name="path"/> unless a file is there already; true when this call put it there.</summary>
    /// <remarks>
    /// SQLite creates its file empty and writes the header only with the first commit, so a second process opening the
    /// store in that moment found 0 bytes and refused it as truncated. The new store is built whole under a name of its
    /// own in the same folder (rollback journal: nothing but the one file is left when it closes), then moved into place
    /// without overwriting, which either appears whole or fails because another process's store is there first; the
    /// loser deletes its copy and opens the winner's. A 0-byte <paramref name="path"/> is never one being created, so
    /// <see cref="CheckFile"/> may keep calling it truncated.
    /// </remarks>
    public static bool CreateIfAbsent(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var building = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.new");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = building, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
            using (var connection = new SqliteConnection(connectionString))
            {
                connection.Open();
                using var journal = Command(connection, "PRAGMA journal_mode=DELETE;");
                journal.ExecuteNonQuery();
                using var transaction = connection.BeginTransaction();
                using var schema = Command(connection, Schema, transaction);
                schema.ExecuteNonQuery();
                using var stamp = Command(connection, $"PRAGMA user_version = {SchemaVersion};", transaction);
                stamp.ExecuteNonQuery();
                transaction.Commit();
            }

            return MoveUnlessTaken(building, full);
        }
        finally
        {
            File.Delete(building);
            File.Delete(building + "-journal");
        }
    }

    /// <summary>Gives <paramref name="file"/> the name <paramref name="name"/> unless a file has it already; false when one has.</summary>
    /// <remarks>
    /// On Unix, File.Move without overwrite looks for the name and then renames, so two processes could both find it
    /// free and the second would replace the first's store under its open connections. link(2) takes the name or fails
    /// with EEXIST in one step; the caller deletes the old name. On Windows the move itself fails when the name is taken.
    /// A file system without hard links (FAT) falls back to the move.
    /// </remarks>
    private static bool MoveUnlessTaken(string file, string name)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (Link(file, name) == 0)
            {
                return true;
            }

            if (Marshal.GetLastPInvokeError() == FileExists)
            {
                return false;
            }
        }

        try
        {
            File.Move(file, name, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(name))
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string existing,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
}
