using System.Globalization;

namespace BackupTool.Core.Bags;

/// <summary>The <c>Payload-Oxum</c> of <c>bag-info.txt</c>: total payload bytes and file count.</summary>
/// <param name="Octets">The payload size in bytes.</param>
/// <param name="Count">The number of payload files.</param>
public readonly record struct PayloadOxum(long Octets, long Count)
{
    /// <summary>The bag-info label.</summary>
    public const string Label = "Payload-Oxum";

    /// <summary>Parses the <c>OCTETS.COUNT</c> form, such as <c>5120.3</c>.</summary>
    /// <returns>False when the value is not two runs of digits joined by one dot.</returns>
    public static bool TryParse(string value, out PayloadOxum oxum)
    {
        oxum = default;
        var parts = value.Trim().Split('.');
        if (parts.Length != 2 || !parts.All(IsDigits))
        {
            return false;
        }

        var parsed = long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var octets)
            & long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count);
        oxum = new PayloadOxum(octets, count);
        return parsed;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Octets}.{Count}");

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
