using System.Text;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>A generated school's CSV bundle as tables a test can damage the way real MIS exports are damaged.</summary>
internal sealed class EditableExport
{
    private readonly Dictionary<string, byte[]> _raw = new(StringComparer.Ordinal);

    public EditableExport(SyntheticSchool school)
    {
        CsvBundleWriter.Write(school, name => new CapturingStream(bytes => _raw[name] = bytes));
        foreach (var (name, bytes) in _raw.Where(r => r.Key.EndsWith(".csv", StringComparison.Ordinal)))
        {
            Tables[name] = Table.Parse(Encoding.UTF8.GetString(bytes));
        }
    }

    public Dictionary<string, Table> Tables { get; } = new(StringComparer.Ordinal);

    public Table Pupils => Tables["pupils.csv"];

    public Table Contacts => Tables["contacts.csv"];

    public Table Staff => Tables["staff.csv"];

    /// <summary>Changes school.json (a top-level key set to a JSON value; null removes the key).</summary>
    public void SetSchoolJson(string key, System.Text.Json.Nodes.JsonNode? value)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(_raw["school.json"])!.AsObject();
        if (value is null)
        {
            json.Remove(key);
        }
        else
        {
            json[key] = value;
        }

        _raw["school.json"] = Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>Gives every pupil a different name, so that a test can tell from a report's title whose report it is.</summary>
    public EditableExport WithDistinctNames()
    {
        for (var i = 0; i < Pupils.Rows.Count; i++)
        {
            Pupils.Set(i, "Legal Surname", Pupils.Get(i, "Legal Surname") + "-" + (char)('a' + (i / 26 % 26)) + (char)('a' + (i % 26)));
        }

        return this;
    }

    /// <summary>Cuts the file off in the middle of the line half way through it, as an interrupted copy or upload leaves it; the line it stops on.</summary>
    public int CutInTheMiddle(string name)
    {
        var text = Encoding.UTF8.GetString(Content(name));
        var lineStart = text.LastIndexOf('\n', text.Length / 2) + 1;
        Replace(name, text[..(lineStart + 16)]);
        return text.AsSpan(0, lineStart).Count('\n') + 1;
    }

    /// <summary>Replaces a file with the given text, as it stands.</summary>
    public void Replace(string name, string text)
    {
        Tables.Remove(name);
        _raw[name] = Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The bundle as a zip, with the tables as edited.</summary>
    /// <summary>Two contacts.csv rows of contacts the school may write to, of families that share no contact.</summary>
    public (int First, int Second) TwoFamiliesWrittenTo()
    {
        var contacts = Contacts;
        bool MaySend(int i) => contacts.Get(i, "Email").Length > 0 && contacts.Get(i, "Parental Responsibility") == "Y"
            && contacts.Get(i, "Receives Correspondence") != "N" && contacts.Get(i, "Restriction").Length == 0;
        IEnumerable<string> FamilyOf(int i) => contacts.Where("Pupil UPN", contacts.Get(i, "Pupil UPN")).Select(r => contacts.Get(r, "Contact ID"));
        var a = Enumerable.Range(0, contacts.Rows.Count).First(MaySend);
        return (a, Enumerable.Range(0, contacts.Rows.Count).First(i => MaySend(i) && !FamilyOf(i).Intersect(FamilyOf(a)).Any()));
    }

    public byte[] Zip() => BundleZip.Create(_raw.Select(r => (r.Key, Content(r.Key))));

    /// <summary>Writes the bundle as a folder (what <c>progress ingest ./folder</c> reads).</summary>
    public string WriteFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in _raw.Keys)
        {
            File.WriteAllBytes(Path.Combine(folder, name), Content(name));
        }

        return folder;
    }

    private byte[] Content(string name) => Tables.TryGetValue(name, out var table) ? Encoding.UTF8.GetBytes(table.ToCsv()) : _raw[name];

    private sealed class CapturingStream(Action<byte[]> done) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                done(ToArray());
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A CSV table with a header, cells by column name; quoted fields read and written per RFC 4180.</summary>
internal sealed class Table
{
    private Table(List<string> header, List<List<string>> rows) => (Header, Rows) = (header, rows);

    public List<string> Header { get; }

    public List<List<string>> Rows { get; }

    public string Get(int row, string column) => Rows[row][Header.IndexOf(column)];

    public void Set(int row, string column, string value) => Rows[row][Header.IndexOf(column)] = value;

    /// <summary>Takes a column out of the header and every row, as an MIS export without that field would be.</summary>
    public void RemoveColumn(string column)
    {
        var index = Header.IndexOf(column);
        Header.RemoveAt(index);
        Rows.ForEach(r => r.RemoveAt(index));
    }

    /// <summary>Rows (0-based) whose <paramref name="column"/> is <paramref name="value"/>.</summary>
    public IEnumerable<int> Where(string column, string value) =>
        Enumerable.Range(0, Rows.Count).Where(i => Rows[i][Header.IndexOf(column)] == value);

    /// <summary>The file line a data row is on (header is line 1; no cell here spans lines).</summary>
    public static int LineOf(int row) => row + 2;

    public static Table Parse(string text)
    {
        var records = new List<List<string>>();
        var field = new StringBuilder();
        var record = new List<string>();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return new Table(records[0], records.Skip(1).ToList());
    }

    public string ToCsv() =>
        string.Concat(new[] { Header }.Concat(Rows).Select(r => string.Join(',', r.Select(Quote)) + "\r\n"));

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n\t") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
