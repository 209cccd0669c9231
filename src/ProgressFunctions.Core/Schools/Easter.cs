namespace ProgressFunctions.Core.Schools;

/// <summary>Western (Gregorian) Easter, which fixes the end of the DfE spring census term.</summary>
public static class Easter
{
    /// <summary>Easter Sunday of <paramref name="year"/> by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly Sunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
