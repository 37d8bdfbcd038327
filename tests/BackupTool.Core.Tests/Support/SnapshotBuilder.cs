using System.IO.Abstractions;
using System.Security.Cryptography;
using System.Text;
using BackupTool.Core.Manifests;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Tests.Support;

/// <summary>Writes a snapshot folder as <c>backup create</c> lays it out, from entries declared as data.</summary>
/// <remarks>
/// Writes bagit.txt, bag-info.txt, manifest-md5.txt, backup-tree.tsv (unless left out),
/// tagmanifest-md5.txt and data/. Parent directories of every entry are added with mode 0755.
/// </remarks>
public sealed class SnapshotBuilder
{
    public static readonly UnixTime DefaultTime = new(1_700_000_000, 123_456_789);

    private readonly SortedDictionary<string, TreeEntry> _entries = new(PathComparer.Instance);
    private readonly Dictionary<string, byte[]> _contents = new(StringComparer.Ordinal);

    public SnapshotBuilder()
    {
        _entries[TreeEntry.RootPath] = new TreeEntry(EntryKind.Directory, TreeEntry.RootPath, 0x1ed, DefaultTime, 0, 0, 0);
    }

    /// <summary>Creates a builder with one regular file per dictionary entry, path to text.</summary>
    public static SnapshotBuilder FromFiles(IDictionary<string, string> files)
    {
        var builder = new SnapshotBuilder();
        foreach (var (path, text) in files)
        {
            builder.File(path, text);
        }

        return builder;
    }

    public bool WithTreeMetadata { get; set; } = true;

    public SnapshotBuilder File(string path, string text, int mode = 0x1a4, UnixTime? time = null) =>
        File(path, Encoding.UTF8.GetBytes(text), mode, time);

    public SnapshotBuilder File(string path, byte[] bytes, int mode = 0x1a4, UnixTime? time = null)
    {
        AddParents(path);
        _contents[path] = bytes;
        _entries[path] = new TreeEntry(EntryKind.File, path, mode, time ?? DefaultTime, bytes.Length, 0, 0);
        return this;
    }

    public SnapshotBuilder Directory(string path, int mode = 0x1ed, UnixTime? time = null)
    {
        AddParents(path);
        _entries[path] = new TreeEntry(EntryKind.Directory, path, mode, time ?? DefaultTime, 0, 0, 0);
        return this;
    }

    public SnapshotBuilder Symlink(string path, string target, UnixTime? time = null)
    {
        AddParents(path);
        _entries[path] = new TreeEntry(EntryKind.Symlink, path, 0x1ff, time ?? DefaultTime,
            Encoding.UTF8.GetByteCount(target), 0, 0, target);
        return this;
    }

    public SnapshotBuilder HardLink(string path, string existingPath)
    {
        AddParents(path);
        var first = _entries[existingPath];
        _contents[path] = _contents[existingPath];
        _entries[path] = first with { Path = path, HardLinkOf = existingPath };
        return this;
    }

    /// <summary>Adds a raw entry as it would appear in backup-tree.tsv, without payload bytes.</summary>
    public SnapshotBuilder Entry(TreeEntry entry)
    {
        _entries[entry.Path] = entry;
        return this;
    }

    /// <summary>Writes the snapshot into <paramref name="bagPath"/> and returns that path.</summary>
    public string Write(IFileSystem fileSystem, string bagPath)
    {
        fileSystem.Directory.CreateDirectory(fileSystem.Path.Combine(bagPath, "data"));
        foreach (var (path, bytes) in _contents)
        {
            var full = bagPath + "/data/" + path;
            fileSystem.Directory.CreateDirectory(fileSystem.Path.GetDirectoryName(full)!);
            fileSystem.File.WriteAllBytes(full, bytes);
        }

        WriteText(fileSystem, bagPath, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        WriteText(fileSystem, bagPath, "bag-info.txt", BagInfo());
        WriteText(fileSystem, bagPath, "manifest-md5.txt", Manifest());
        if (WithTreeMetadata)
        {
            WriteText(fileSystem, bagPath, TreeMetadataFormat.FileName, TreeMetadata());
        }

        Retag(fileSystem, bagPath);
        return bagPath;
    }

    /// <summary>Rewrites tagmanifest-md5.txt over the tag files present, after a test edited one.</summary>
    public static void Retag(IFileSystem fileSystem, string bagPath)
    {
        var names = new[] { "bagit.txt", "bag-info.txt", TreeMetadataFormat.FileName }
            .Where(name => fileSystem.File.Exists(fileSystem.Path.Combine(bagPath, name)))
            .Concat(fileSystem.Directory.EnumerateFiles(bagPath, "manifest-*.txt").Select(path => fileSystem.Path.GetFileName(path)))
            .Order(StringComparer.Ordinal);
        var lines = names.Select(name =>
            $"{Md5(fileSystem.File.ReadAllBytes(fileSystem.Path.Combine(bagPath, name)))}  {name}\n");
        WriteText(fileSystem, bagPath, "tagmanifest-md5.txt", string.Concat(lines));
    }

    /// <summary>Returns the lowercase hex MD5 of <paramref name="bytes"/>.</summary>
    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private void AddParents(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            return;
        }

        var parent = path[..slash];
        if (!_entries.ContainsKey(parent))
        {
            Directory(parent);
        }
    }

    private string BagInfo()
    {
        var bytes = _contents.Values.Sum(c => (long)c.Length);
        return $"Bagging-Date: 2026-01-30\nPayload-Oxum: {bytes}.{_contents.Count}\n"
            + "Bag-Software-Agent: BackupTool 0.1.0\nSource-Path: /home/dev/project\n";
    }

    private string Manifest() => string.Concat(_contents
        .OrderBy(c => c.Key, PathComparer.Instance)
        .Select(c => $"{Md5(c.Value)}  data/{ManifestPath.Encode(c.Key)}\n"));

    private string TreeMetadata() =>
        TreeMetadataFormat.Header + "\n" + TreeMetadataFormat.Columns + "\n"
        + string.Concat(_entries.Values.Select(e => TreeMetadataFormat.FormatLine(e) + "\n"));

    private static void WriteText(IFileSystem fileSystem, string bagPath, string name, string text) =>
        fileSystem.File.WriteAllText(fileSystem.Path.Combine(bagPath, name), text);
}
