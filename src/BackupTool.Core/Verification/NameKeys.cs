using System.Text;

namespace BackupTool.Core.Verification;

/// <summary>Keys under which names that differ only in Unicode normalization or in case compare equal.</summary>
internal static class NameKeys
{
    /// <summary>Returns the canonical decomposition (NFD) of <paramref name="name"/>.</summary>
    /// <remarks>A name that is not well-formed UTF-16 cannot be normalized and is returned unchanged.</remarks>
    public static string Normalization(string name)
    {
        if (Ascii.IsValid(name))
        {
            return name;
        }

        try
        {
            return name.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    /// <summary>Returns the decomposed, upper-cased form, equal for names that differ in case or normalization.</summary>
    public static string CaseAndNormalization(string name) => Normalization(name).ToUpperInvariant();
}
