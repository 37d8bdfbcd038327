namespace BackupTool.Core.Manifests;

/// <summary>Orders paths by Unicode code point, which is the byte order of their UTF-8 form.</summary>
/// <remarks>
/// This is the order of <c>LC_ALL=C sort</c>. Plain ordinal comparison of .NET strings orders by
/// UTF-16 unit instead, which differs for characters above U+FFFF.
/// </remarks>
public sealed class PathComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static PathComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return Weight(x[i]).CompareTo(Weight(y[i]));
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, so they sort after U+E000..U+FFFF.
    private static int Weight(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
}
