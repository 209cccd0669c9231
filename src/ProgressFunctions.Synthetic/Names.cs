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

    /// <summary>The women's forenames among the adults' and the staff's, so a title can agree with the name.</summary>
    private static readonly HashSet<string> s_women = new(StringComparer.Ordinal)
    {
        "Sarah", "Emma", "Laura", "Rebecca", "Claire", "Joanne", "Agnieszka", "Nadia", "Siân", "Bríd", "Amara", "Samina",
        "Helen", "Bernadette", "Anika", "Rhiannon", "Margaret",
    };

    public static string Pick(Random random, string[] names) => names[random.Next(names.Length)];

    /// <summary>A partner's forename for <paramref name="first"/>: <paramref name="drawn"/> when it is of the other sex, otherwise its counterpart of the other sex in <see cref="AdultForenames"/> (Agnieszka and Piotr, Siân and Rhys: the lists pair up by position).</summary>
    public static string PartnerOf(string first, string drawn)
    {
        if (s_women.Contains(first) != s_women.Contains(drawn))
        {
            return drawn;
        }

        var half = AdultForenames.Length / 2;
        var index = Array.IndexOf(AdultForenames, drawn);
        return AdultForenames[index < half ? index + half : index - half];
    }

    /// <summary>A title that agrees with the forename: Mr for a man, Mrs or Ms (by <paramref name="variant"/>, 0 or 1) for a woman.</summary>
    /// <remarks>A letter opens "Dear {title} {surname}", so "Mr" before Sarah would be the first thing a parent noticed.</remarks>
    public static string TitleOf(string forename, int variant) => s_women.Contains(forename) ? (variant == 0 ? "Mrs" : "Ms") : "Mr";

    /// <summary>An address at a reserved example domain, ASCII only (names like Siân become sian).</summary>
    public static string Email(string forename, string surname, int n, string domain) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Ascii(forename)}.{Ascii(surname)}{n}@{domain}");

    private static string Ascii(string name)
    {
        var decomposed = name.Replace("ł", "l", StringComparison.Ordinal).Replace("Ł", "L", StringComparison.Ordinal).Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
    }
}
