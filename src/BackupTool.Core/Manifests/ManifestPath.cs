using System.Text;

namespace BackupTool.Core.Manifests;

/// <summary>Encodes and decodes file paths as BagIt manifests write them.</summary>
/// <remarks>
/// RFC 8493 (BagIt 1.0) percent-encodes only CR, LF and <c>%</c> in manifest paths; bags before
/// 1.0 encode only CR and LF. Any other <c>%</c> sequence, such as <c>%7E</c>, is literal.
/// </remarks>
public static class ManifestPath
{
    /// <summary>Encodes a path for a BagIt 1.0 manifest: <c>%</c>, CR and LF become escapes.</summary>
    public static string Encode(string path)
    {
        if (path.AsSpan().IndexOfAny('%', '\r', '\n') < 0)
        {
            return path;
        }

        var builder = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '\r' => "%0D",
                '\n' => "%0A",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Decodes a manifest path written by a bag of the given version.</summary>
    /// <param name="path">The path as the manifest line holds it.</param>
    /// <param name="decodePercent">True for BagIt 1.0 and later, where <c>%25</c> is also decoded.</param>
    public static string Decode(string path, bool decodePercent)
    {
        if (!path.Contains('%'))
        {
            return path;
        }

        var builder = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var decoded = i + 2 < path.Length && path[i] == '%' ? DecodeEscape(path[i + 1], path[i + 2], decodePercent) : null;
            if (decoded is { } c)
            {
                builder.Append(c);
                i += 2;
            }
            else
            {
                builder.Append(path[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns whether <c>md5sum -c</c> reads the manifest form of this path differently.</summary>
    /// <remarks>GNU md5sum escapes CR, LF and backslash its own way and does not decode <c>%</c>.</remarks>
    public static bool IsUncheckableByMd5sum(string path) => path.AsSpan().IndexOfAny('%', '\r', '\n') >= 0;

    private static char? DecodeEscape(char high, char low, bool decodePercent)
    {
        var code = (char.ToUpperInvariant(high), char.ToUpperInvariant(low));
        return code switch
        {
            ('0', 'D') => '\r',
            ('0', 'A') => '\n',
            ('2', '5') when decodePercent => '%',
            _ => null,
        };
    }
}
