using System.Text.RegularExpressions;

namespace ProgressFunctions.Infrastructure.Email;

/// <summary>Removes personal data from text that may reach a log, such as a provider's error message.</summary>
internal static partial class LogSafe
{
    /// <summary>Replaces anything shaped like an e-mail address with <c>x***@domain</c>.</summary>
    public static string MaskAddresses(string text) =>
        AddressPattern().Replace(text, m => $"{m.Groups["first"].Value}***@{m.Groups["domain"].Value}");

    [GeneratedRegex(@"(?<first>[^\s@<>""',;:()\[\]])[^\s@<>""',;:()\[\]]*@(?<domain>[A-Za-z0-9.-]+)")]
    private static partial Regex AddressPattern();
}
