using System.IO.Abstractions;
using System.Security.Cryptography;
using System.Text;
using BackupTool.Core.Manifests;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests.Snapshots;

/// <summary>File names that break tools: each must come back byte-exact with its own manifest line.</summary>
public sealed class SnapshotCreatorNameTests : IDisposable
{
    private const string Md5OfOther = "33fe21c6bdf6786411e4f18272956536";

    /// <summary>Names that are legal on Linux and easy to mangle: spaces, escapes, encodings, limits.</summary>
    public static readonly string[] HardNames =
    [
        " leading space",
        "trailing space ",
        "tab\there",
        "*star",
        "-dash",
        "a\\nb",
        "a\nb",
        "cr\rinside",
        "ends with cr\r",
        "%0A",
        "%25",
        "100%",
        "back\\slash",
        "trailing backslash\\",
        "caf\u00e9",
        "cafe\u0301",
        "Case",
        "case",
        "replacement \ufffd char",
        "emoji \U0001F600",
        // Look like manifest lines for "other": a hash, two spaces and its name, alone or after a newline.
        Md5OfOther + "  other",
        "x\n" + Md5OfOther + "  other",
        "other",
        // 255 bytes: one ASCII letter and 127 two-byte letters.
        "a" + new string('\u00e9', 127),
        // 255 bytes of three-byte characters.
        new string('\u20ac', 85),
        // 252 bytes of four-byte characters, which .NET stores as surrogate pairs.
        string.Concat(Enumerable.Repeat("\U0001F600", 63)),
    ];

    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();
    private readonly PosixFileSystem _posix = new();

    public SnapshotCreatorNameTests()
    {
        Directory.CreateDirectory(Source);
    }

    private string Source => _temp.Combine("src");

    private string Snapshot => _temp.Combine("dest", "snap");

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task CreateAsync_HardNames_EachCopiedByteExact()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux file names are tested on Linux");
        WriteHardNames();

        var result = await CreateAsync();

        Assert.Equal(HardNames.Length, result.Files);
        var copied = _posix.ListDirectory(Path.Combine(Snapshot, "data")).Select(n => n.Text).Order(StringComparer.Ordinal);
        Assert.Equal(HardNames.Order(StringComparer.Ordinal), copied);
        foreach (var name in HardNames)
        {
            Assert.Equal(Content(name), File.ReadAllText(Path.Combine(Snapshot, "data", name)));
        }
    }

    [SkippableFact]
    public async Task CreateAsync_HardNames_OneOwnManifestLineEach()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux file names are tested on Linux");
        WriteHardNames();

        await CreateAsync();

        var lines = new ManifestReader(_fileSystem)
            .Read(Path.Combine(Snapshot, "manifest-md5.txt"), Encoding.UTF8, 32, decodePercent: true)
            .ToList();
        Assert.All(lines, line => Assert.True(line.IsValid, line.Error));
        Assert.All(lines, line => Assert.Empty(line.Warnings));
        Assert.Equal(HardNames.Length, lines.Count);
        var byPath = lines.ToDictionary(l => l.Path!, l => l.Digest);
        foreach (var name in HardNames)
        {
            Assert.Equal(Md5(Content(name)), byPath["data/" + name]);
        }

        Assert.Equal(Md5OfOther, Md5(Content("other")));
    }

    [SkippableFact]
    public async Task CreateAsync_HardNames_AllInTreeMetadata()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux file names are tested on Linux");
        WriteHardNames();

        await CreateAsync();

        var paths = new TreeMetadataReader(_fileSystem).Read(Path.Combine(Snapshot, TreeMetadataFormat.FileName))
            .Select(e => e.Path)
            .Where(p => p != TreeEntry.RootPath);
        Assert.Equal(HardNames.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task CreateAsync_NameNotUtf8_ThrowsNamingItEscaped()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        File.WriteAllText(Path.Combine(Source, "fine.txt"), "fine");
        RawNames.CreateFile(Source, "bad\\xff.txt");

        var error = await Assert.ThrowsAsync<UnreadableSourceException>(() => CreateAsync());

        var problem = Assert.Single(error.Problems);
        Assert.Equal("bad\\xff.txt", problem.Path);
        Assert.Contains("not valid UTF-8", problem.Message);
        Assert.Contains("bad\\xff.txt", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("dest")));
    }

    [SkippableFact]
    public async Task CreateAsync_NotUtf8BesideTwin_NeverMerged()
    {
        // Decoding bad\xff.txt with replacement gives the valid name "bad\uFFFD.txt", so both entries
        // used to be read through the valid twin: its bytes were copied twice under one name.
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        File.WriteAllText(Path.Combine(Source, "bad\ufffd.txt"), "valid twin");
        RawNames.CreateFile(Source, "bad\\xff.txt");

        var result = await CreateAsync(new SnapshotOptions(Source, _temp.Combine("dest"), "snap", SkipUnreadable: true));

        Assert.Equal(1, result.Files);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("bad\\xff.txt", skipped.Path);
        Assert.Equal("valid twin", File.ReadAllText(Path.Combine(Snapshot, "data", "bad\ufffd.txt")));
        Assert.Single(File.ReadAllLines(Path.Combine(Snapshot, "manifest-md5.txt")));
        Assert.Contains("Backup-Skipped-Path: bad\\xff.txt", File.ReadAllLines(Path.Combine(Snapshot, "bag-info.txt")));
    }

    [SkippableFact]
    public async Task CreateAsync_FolderNotUtf8_NamesFolder()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        RawNames.CreateDirectory(Source, "dir\\xc3\\x28");
        RawNames.CreateFile(Source, "dir\\xc3\\x28/inside.txt");

        var error = await Assert.ThrowsAsync<UnreadableSourceException>(() => CreateAsync());

        Assert.Equal("dir\\xc3(", Assert.Single(error.Problems).Path);
    }

    [SkippableFact]
    public async Task CreateAsync_LinkTargetNotUtf8_NamesLink()
    {
        // The target used to be decoded with U+FFFD and stored as a link to another name.
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        RawNames.CreateSymlink(Source, "target\\xfe", "link");

        var error = await Assert.ThrowsAsync<UnreadableSourceException>(() => CreateAsync());

        var problem = Assert.Single(error.Problems);
        Assert.Equal("link", problem.Path);
        Assert.Contains("target\\xfe", problem.Message);
    }

    [SkippableFact]
    public async Task CreateAsync_RelativePathOver1000Bytes_Copied()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "path limits are tested on Linux");
        var segments = Enumerable.Range(0, 12).Select(i => $"{i:D2}-" + new string('\u00e9', 50)).ToArray();
        var folder = Path.Combine([Source, .. segments]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "leaf.txt"), "deep");
        var relative = string.Join('/', segments) + "/leaf.txt";
        Assert.True(Encoding.UTF8.GetByteCount(relative) > 1000);

        await CreateAsync();

        Assert.Equal("deep", File.ReadAllText(Path.Combine(Snapshot, "data", relative)));
        Assert.Contains($"{Md5("deep")}  data/{relative}", File.ReadAllLines(Path.Combine(Snapshot, "manifest-md5.txt")));
    }

    private void WriteHardNames()
    {
        foreach (var name in HardNames)
        {
            File.WriteAllText(Path.Combine(Source, name), Content(name));
        }
    }

    private static string Content(string name) =>
        name == "other" ? "other content\n" : $"content of {Convert.ToHexString(Encoding.UTF8.GetBytes(name))}\n";

    private static string Md5(string content) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content)));

    private Task<SnapshotResult> CreateAsync(SnapshotOptions? options = null) =>
        new SnapshotCreator(_fileSystem, _posix, MockTrees.Logger)
            .CreateAsync(options ?? new SnapshotOptions(Source, _temp.Combine("dest"), "snap"));
}
