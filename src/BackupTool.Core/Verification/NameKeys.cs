using System.Collections.Frozen;
using System.Text;

namespace BackupTool.Core.Verification;

/// <summary>Keys under which names that differ only in Unicode normalization or in case compare equal.</summary>
internal static class NameKeys
{
    private const int HangulFirst = 0xAC00;
    private const int HangulCount = 11172;

    private static readonly FrozenDictionary<char, string> Decompositions = UnicodeDecompositions.Table
        .Split('|', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(entry => entry[0], entry => entry[1..]);

    /// <summary>Returns the canonical decomposition (NFD) of <paramref name="name"/>.</summary>
    /// <remarks>
    /// NOTE: combining marks keep their written order instead of canonical order, so two spellings
    /// that stack several marks differently still compare unequal. Names of that kind are rare.
    /// </remarks>
    public static string Normalization(string name)
    {
        if (Ascii.IsValid(name))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (c - HangulFirst is >= 0 and < HangulCount)
            {
                AppendHangul(builder, c - HangulFirst);
            }
            else if (Decompositions.TryGetValue(c, out var decomposed))
            {
                builder.Append(decomposed);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns the decomposed, upper-cased form, equal for names that differ in case or normalization.</summary>
    public static string CaseAndNormalization(string name) => Normalization(name).ToUpperInvariant();

    private static void AppendHangul(StringBuilder builder, int index)
    {
        // Unicode's algorithmic decomposition of precomposed Hangul syllables into jamo.
        builder.Append((char)(0x1100 + index / 588));
        builder.Append((char)(0x1161 + index % 588 / 28));
        if (index % 28 != 0)
        {
            builder.Append((char)(0x11A7 + index % 28));
        }
    }
}
