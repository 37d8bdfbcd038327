using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Security.Cryptography;
using System.Text;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Tests.Verification;

/// <summary>Writes a BagIt bag of a chosen version, algorithm and encoding, to damage in tests.</summary>
/// <remarks>
/// Payload paths are given relative to <c>data/</c>. <see cref="Write"/> writes <c>bagit.txt</c>,
/// the payload, bag-info (package-info before 0.96) with Payload-Oxum, sorted manifests and tag
/// manifests over every tag file. Digests come from .NET's own hashes, plus known vectors for sha224.
/// </remarks>
public sealed class BagFixture
{
    public BagFixture(IFileSystem? fileSystem = null, string root = "/bag")
    {
        FileSystem = fileSystem ?? new MockFileSystem();
        Root = root;
    }

    public IFileSystem FileSystem { get; }

    public string Root { get; }

    public string Version { get; set; } = "1.0";

    public string EncodingName { get; set; } = "UTF-8";

    public List<string> Algorithms { get; set; } = ["sha256"];

    public List<string> TagAlgorithms { get; set; } = ["sha256"];

    public SortedDictionary<string, byte[]> Payload { get; } = new(PathComparer.Instance);

    public List<(string Label, string Value)> Metadata { get; } = [("Source-Organization", "Example Org")];

    public string LineEnding { get; set; } = "\n";

    public bool WritePayloadOxum { get; set; } = true;

    public string BagInfoName => Version is "0.93" or "0.94" or "0.95" ? "package-info.txt" : "bag-info.txt";

    private Encoding Encoding => EncodingName.ToUpperInvariant() switch
    {
        "UTF-8" => new UTF8Encoding(false),
        "UTF-16" => new UnicodeEncoding(false, true),
        _ => System.Text.Encoding.GetEncoding(EncodingName),
    };

    public BagFixture Add(string path, string content) => Add(path, Encoding.UTF8.GetBytes(content));

    public BagFixture Add(string path, byte[] content)
    {
        Payload[path] = content;
        return this;
    }

    public BagFixture Write()
    {
        FileSystem.Directory.CreateDirectory(Path("data"));
        FileSystem.File.WriteAllText(Path("bagit.txt"), $"BagIt-Version: {Version}\nTag-File-Character-Encoding: {EncodingName}\n");
        foreach (var (path, content) in Payload)
        {
            var full = Path("data/" + path);
            FileSystem.Directory.CreateDirectory(FileSystem.Path.GetDirectoryName(full)!);
            FileSystem.File.WriteAllBytes(full, content);
        }

        WriteBagInfo();
        foreach (var algorithm in Algorithms)
        {
            WriteTagFile($"manifest-{algorithm}.txt",
                Payload.Select(p => $"{Digest(algorithm, p.Value)}  {EncodePath("data/" + p.Key)}"));
        }

        return WriteTagManifests();
    }

    /// <summary>Rewrites the tag manifests so they match the tag files as they are now.</summary>
    public BagFixture WriteTagManifests()
    {
        foreach (var algorithm in TagAlgorithms)
        {
            var tagFiles = FileSystem.Directory.EnumerateFiles(Root)
                .Select(p => FileSystem.Path.GetFileName(p))
                .Where(n => !n.StartsWith("tagmanifest-", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            var lines = tagFiles.Select(n => $"{Digest(algorithm, FileSystem.File.ReadAllBytes(Path(n)))}  {n}").ToList();
            WriteTagFile($"tagmanifest-{algorithm}.txt", lines);
        }

        return this;
    }

    public string Path(string relative) => FileSystem.Path.Combine(Root, relative);

    public string ReadText(string relative) => FileSystem.File.ReadAllText(Path(relative));

    public void WriteText(string relative, string text) => FileSystem.File.WriteAllText(Path(relative), text);

    public void WriteTagFile(string name, IEnumerable<string> lines)
    {
        var text = string.Concat(lines.Select(l => l + LineEnding));
        var preamble = EncodingName.StartsWith("UTF-16", StringComparison.OrdinalIgnoreCase) ? Encoding.GetPreamble() : [];
        FileSystem.File.WriteAllBytes(Path(name), [.. preamble, .. Encoding.GetBytes(text)]);
    }

    public static string Digest(string algorithm, byte[] content) => algorithm switch
    {
        "md5" => Convert.ToHexStringLower(MD5.HashData(content)),
        "sha1" => Convert.ToHexStringLower(SHA1.HashData(content)),
        "sha256" => Convert.ToHexStringLower(SHA256.HashData(content)),
        "sha384" => Convert.ToHexStringLower(SHA384.HashData(content)),
        "sha512" => Convert.ToHexStringLower(SHA512.HashData(content)),
        "sha224" => KnownSha224(content),
        _ => throw new ArgumentException($"No digest for {algorithm} in the fixture.", nameof(algorithm)),
    };

    // Published SHA-224 test vectors (FIPS 180-4 examples), so the fixture does not reuse the code under test.
    private static string KnownSha224(byte[] content) => content.Length == 1_000_000 && content.All(b => b == 'a')
        ? "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67"
        : Encoding.ASCII.GetString(content) switch
    {
        "abc" => "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
        "" => "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" => "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
        _ => throw new ArgumentException("The fixture knows sha224 only for its test vectors.", nameof(content)),
    };

    private void WriteBagInfo()
    {
        var entries = Metadata.ToList();
        if (WritePayloadOxum)
        {
            entries.Add(("Payload-Oxum", $"{Payload.Values.Sum(v => (long)v.Length)}.{Payload.Count}"));
        }

        WriteTagFile(BagInfoName, entries.Select(e => $"{e.Label}: {e.Value}"));
    }

    private string EncodePath(string path) => Version == "1.0"
        ? ManifestPath.Encode(path)
        : path.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
