using System.IO.Abstractions;
using System.Text;

namespace BackupTool.Core.Bags;

/// <summary>The contents of a bag's <c>bagit.txt</c>: its BagIt version and tag-file encoding.</summary>
/// <param name="Major">Major version, 0 or 1.</param>
/// <param name="Minor">Minor version, such as 97 for 0.97.</param>
/// <param name="Encoding">The encoding of every other tag file.</param>
/// <param name="EncodingName">The encoding name as declared, such as <c>UTF-8</c>.</param>
public sealed record BagDeclaration(int Major, int Minor, Encoding Encoding, string EncodingName)
{
    /// <summary>The declaration file's name.</summary>
    public const string FileName = "bagit.txt";

    static BagDeclaration()
    {
        // Makes legacy code pages such as windows-1252 available beside the built-in UTF and Latin-1 ones.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The declaration of a BagIt 1.0 bag with UTF-8 tag files, as this tool writes.</summary>
    public static BagDeclaration Current { get; } = new(1, 0, new UTF8Encoding(false), "UTF-8");

    /// <summary>Whether the version is one of 0.93, 0.94, 0.95, 0.96, 0.97 and 1.0, the versions this tool implements.</summary>
    public bool IsKnownVersion => (Major, Minor) is (1, 0) or (0, >= 93 and <= 97);

    /// <summary>Whether manifests percent-encode <c>%</c> as <c>%25</c> (BagIt 1.0 and later).</summary>
    public bool DecodesPercent => Major >= 1;

    /// <summary>The version as written, such as <c>0.97</c> or <c>1.0</c>.</summary>
    public string Version => $"{Major}.{Minor}";

    /// <summary>Reads and checks <c>bagit.txt</c> in <paramref name="bagPath"/>.</summary>
    /// <exception cref="InvalidInputException">There is no <c>bagit.txt</c>, so the folder is not a bag.</exception>
    /// <exception cref="BagFormatException">The declaration is malformed; the message says which line.</exception>
    public static BagDeclaration Read(IFileSystem fileSystem, string bagPath)
    {
        var path = fileSystem.Path.Combine(bagPath, FileName);
        if (!fileSystem.File.Exists(path))
        {
            throw new InvalidInputException(
                $"'{bagPath}' is not a snapshot or BagIt bag: it has no {FileName}. "
                + "Pass the snapshot folder itself, such as backups/src-backup-20260130-181500.");
        }

        return Parse(fileSystem.File.ReadAllBytes(path));
    }

    /// <summary>Parses the bytes of a <c>bagit.txt</c>.</summary>
    /// <exception cref="BagFormatException">The declaration is malformed.</exception>
    public static BagDeclaration Parse(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            throw new BagFormatException(FileName, 1, "starts with a byte order mark, which the declaration must not have");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new BagFormatException(FileName, 1, "is not valid UTF-8");
        }

        var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var (major, minor) = ParseVersion(Value(lines, 0, "BagIt-Version"));
        var encodingName = Value(lines, 1, "Tag-File-Character-Encoding");
        RejectExtraLines(lines);
        return new BagDeclaration(major, minor, EncodingFor(encodingName), encodingName);
    }

    private static string Value(string[] lines, int index, string label)
    {
        var prefix = label + ": ";
        if (index >= lines.Length || !lines[index].StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new BagFormatException(FileName, index + 1, $"expected '{prefix}<value>' on line {index + 1}");
        }

        var value = lines[index][prefix.Length..];
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new BagFormatException(FileName, index + 1, $"{label} value '{value}' is empty or has extra spaces");
        }

        return value;
    }

    private static void RejectExtraLines(string[] lines)
    {
        for (var index = 2; index < lines.Length; index++)
        {
            if (lines[index].Length > 0)
            {
                throw new BagFormatException(FileName, index + 1,
                    $"has a line {index + 1}, but the declaration must be exactly two lines");
            }
        }
    }

    private static (int Major, int Minor) ParseVersion(string version)
    {
        var parts = version.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor)
            || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            throw new BagFormatException(FileName, 1, $"BagIt-Version '{version}' is not of the form MAJOR.MINOR");
        }

        return (major, minor);
    }

    private static Encoding EncodingFor(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            throw new BagFormatException(FileName, 2, $"Tag-File-Character-Encoding '{name}' is not an encoding this tool can decode");
        }
    }
}
