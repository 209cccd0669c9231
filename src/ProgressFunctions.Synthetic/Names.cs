namespace ProgressFunctions.Synthetic;

/// <summary>Names for synthetic pupils, contacts and staff: common in English schools, some with non-ASCII letters.</summary>
/// <remarks>Non-ASCII names (Zoë, Siobhán, Łukasz...) make sure encodings and CSV quoting are exercised by every demo.</remarks>
internal static class Names
{
    public static readonly string[] Girls =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Zoë", "Siobhán",
        "Aoife", "Niamh", "Chloë", "Maja", "Zofia", "Aisha", "Fatima", "Maryam", "Priya", "Renée", "Ella", "Poppy", "Evie", "Hannah",
    ];

    public static readonly string[] Boys =
    [
        "Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Harry", "Oscar", "Archie", "Henry", "Theo", "Jack", "Łukasz", "Seán",
        "Oisín", "Jakub", "Mateusz", "Kacper", "Ibrahim", "Yusuf", "Arjun", "Kwame", "Tomás", "Dylan", "Finley", "Alfie", "Reuben", "Ewan",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel",
        "Khan", "Ahmed", "Begum", "Hussain", "Kowalski", "Nowak", "Wiśniewski", "O'Brien", "Ó Súilleabháin", "MacDonald",
        "Okafor", "Mensah", "Nguyen", "Da Silva", "Murphy", "Kelly", "Singh", "Kaur", "Brontë", "Müller", "Byrne", "Jackson",
    ];

    public static readonly string[] AdultForenames =
    [
        "Sarah", "Emma", "Laura", "Rebecca", "Claire", "Joanne", "Agnieszka", "Nadia", "Siân", "Bríd", "Amara", "Samina",
        "David", "James", "Mark", "Paul", "Richard", "Daniel", "Piotr", "Tariq", "Rhys", "Ciarán", "Emeka", "Rajesh",
    ];

    public static string Pick(Random random, string[] names) => names[random.Next(names.Length)];

    /// <summary>An address at a reserved example domain, ASCII only (names like Siân become sian).</summary>
    public static string Email(string forename, string surname, int n, string domain) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Ascii(forename)}.{Ascii(surname)}{n}@{domain}");

    private static string Ascii(string name)
    {
        var decomposed = name.Replace("ł", "l", StringComparison.Ordinal).Replace("Ł", "L", StringComparison.Ordinal).Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
    }
}
