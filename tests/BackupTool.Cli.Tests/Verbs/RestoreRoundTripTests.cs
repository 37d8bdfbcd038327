using BackupTool.Cli.Tests.Support;
using BackupTool.Core.Posix;

namespace BackupTool.Cli.Tests.Verbs;

/// <summary>Creates a snapshot of a tree of hard cases with the real executable, restores it, and compares.</summary>
public sealed class RestoreRoundTripTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly PosixFileSystem _posix = new();

    public void Dispose() => _temp.Dispose();

    private string Source => _temp.Combine("source");

    private string Target => _temp.Combine("restored");

    [SkippableFact]
    public void CreateThenRestore_HardCases_ComeBackIdentical()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "statx, hard links and nanosecond times need Linux");
        BuildSource();

        var create = BackupProcess.Run(_temp.Path, "create", Source, "--dest", _temp.Combine("backups"), "--name", "s");
        var restore = BackupProcess.Run(_temp.Path, "restore", _temp.Combine("backups", "s"), "--to", Target);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(Describe(Source), Describe(Target));
        Assert.Equal(_posix.GetStatus(Path.Combine(Target, "a.txt")).Inode, _posix.GetStatus(Path.Combine(Target, "d/hard")).Inode);
        Assert.NotEqual(_posix.GetStatus(Path.Combine(Target, "a.txt")).Inode, _posix.GetStatus(Path.Combine(Target, "copy.txt")).Inode);
        Assert.True(_posix.GetStatus(Path.Combine(Target, "sparse.img")).AllocatedBytes < 1 << 20);
    }

    [SkippableFact]
    public void CreateThenAudit_AfterMoves_ReportsMovesAndExitsZero()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "the source tree uses symlinks and hard links");
        BuildSource();
        var create = BackupProcess.Run(_temp.Path, "create", Source, "--dest", _temp.Combine("backups"), "--name", "s");
        Directory.CreateDirectory(Path.Combine(Source, "moved"));
        File.Move(Path.Combine(Source, "name with spaces "), Path.Combine(Source, "moved", "renamed"));

        var audit = BackupProcess.Run(_temp.Path, "verify", _temp.Combine("backups", "s"), "--against", Source);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("moved      name with spaces  -> moved/renamed", audit.Output);
    }

    [SkippableFact]
    public void CreateThenRestore_HardNames_ComeBackByteExact()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "names are compared as Linux stores them");
        string[] names =
        [
            " lead and trail ", "\ttab", "*star", "-dash", "d41d8cd98f00b204e9800998ecf8427e  other.txt",
            "back\\slash", "a\\nb", "a\nb", "cr\rname", "%0A", "%25", "100%", "\u00e9", "e\u0301", "Case", "case",
            new string('\u00e9', 127) + "x",
        ];
        Directory.CreateDirectory(Source);
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            File.WriteAllText(Path.Combine(Source, name), $"content {index}");
        }

        var deep = Path.Combine([Source, .. Enumerable.Range(0, 9).Select(i => new string((char)('a' + i), 120))]);
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "leaf.txt"), "deep");

        var create = BackupProcess.Run(_temp.Path, "create", Source, "--dest", _temp.Combine("backups"), "--name", "s");
        var restore = BackupProcess.Run(_temp.Path, "restore", _temp.Combine("backups", "s"), "--to", Target);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(Describe(Source), Describe(Target));
        Assert.True(Path.GetRelativePath(Target, Path.Combine(deep.Replace(Source, Target), "leaf.txt")).Length > 1000);
    }

    private void BuildSource()
    {
        Directory.CreateDirectory(Path.Combine(Source, "d/.hidden/empty"));
        Directory.CreateDirectory(Path.Combine(Source, "empty"));
        File.WriteAllText(Path.Combine(Source, "a.txt"), "same");
        File.WriteAllText(Path.Combine(Source, "copy.txt"), "same");
        File.WriteAllText(Path.Combine(Source, "name with spaces "), "spaces");
        File.WriteAllText(Path.Combine(Source, "line\nbreak%25"), "newline");
        File.WriteAllText(Path.Combine(Source, "-dash"), "dash");
        File.WriteAllText(Path.Combine(Source, "d/run.sh"), "#!/bin/sh\n");
        _posix.CreateHardLink(Path.Combine(Source, "a.txt"), Path.Combine(Source, "d/hard"));
        File.CreateSymbolicLink(Path.Combine(Source, "d/up"), "../a.txt");
        File.CreateSymbolicLink(Path.Combine(Source, "dangling"), "does/not/exist");
        File.CreateSymbolicLink(Path.Combine(Source, "absolute"), "/etc/hostname");
        using (var sparse = File.Create(Path.Combine(Source, "sparse.img")))
        {
            sparse.SetLength(16 << 20);
            sparse.Seek(8 << 20, SeekOrigin.Begin);
            sparse.WriteByte(7);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(Source, "d/run.sh"), (UnixFileMode)0x1ed);
            File.SetUnixFileMode(Path.Combine(Source, "d/.hidden"), (UnixFileMode)0x1c0);
            File.SetUnixFileMode(Path.Combine(Source, "copy.txt"), (UnixFileMode)0x124);
        }

        _posix.SetModifiedTime(Path.Combine(Source, "a.txt"), new UnixTime(-1_000_000_000, 123_456_789));
        _posix.SetModifiedTime(Path.Combine(Source, "copy.txt"), new UnixTime(4_102_444_800, 999_999_999));
        _posix.SetModifiedTime(Path.Combine(Source, "d/up"), new UnixTime(1_000_000_000, 1));
        _posix.SetModifiedTime(Path.Combine(Source, "d/.hidden"), new UnixTime(1_600_000_000, 500));
    }

    // One line per entry: path, kind, mode, time, size, symlink target and content, sorted by path.
    private List<string> Describe(string root)
    {
        var lines = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
        {
            var status = _posix.GetStatus(path);
            var relative = Path.GetRelativePath(root, path);
            var target = status.Kind == EntryKind.Symlink ? new FileInfo(path).LinkTarget : "";
            var content = status.Kind == EntryKind.File ? Convert.ToHexString(System.Security.Cryptography.MD5.HashData(File.ReadAllBytes(path))) : "";
            lines.Add($"{relative}|{status.Kind}|{Convert.ToString(status.Mode, 8)}|{status.ModifiedTime}|{status.Size}|{target}|{content}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
