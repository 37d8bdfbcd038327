using System.IO.Abstractions;
using BackupTool.Core.Posix;
using BackupTool.Core.Restore;
using BackupTool.Core.Tests.Support;
using Serilog;

namespace BackupTool.Core.Tests.Restore;

/// <summary>Restores on the real disk what a mock cannot model: links, modes, nanosecond times, holes.</summary>
public sealed class RestorerDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();
    private readonly PosixFileSystem _posix = new();

    public void Dispose() => _temp.Dispose();

    private string Bag => _temp.Combine("snapshot");

    private string Target => _temp.Combine("restored");

    private Task<RestoreResult> RestoreAsync(bool overwrite = false) =>
        new Restorer(_fileSystem, _posix, new LoggerConfiguration().CreateLogger())
            .RestoreAsync(new RestoreRequest(Bag, Target, overwrite));

    [SkippableFact]
    public async Task RestoreAsync_TargetThroughSymlinkIntoSnapshot_ThrowsAndChangesNothing()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "symlinks and statx need Linux");
        new SnapshotBuilder().File("a.txt", "alpha").Write(_fileSystem, Bag);
        File.CreateSymbolicLink(_temp.Combine("link"), Path.Combine(Bag, "data"));
        var restorer = new Restorer(_fileSystem, _posix, new LoggerConfiguration().CreateLogger());

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => restorer.RestoreAsync(new RestoreRequest(Bag, _temp.Combine("link", "inner"), false)));

        Assert.Contains("lies inside the snapshot", error.Message);
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(Path.Combine(Bag, "data")).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task RestoreAsync_Symlinks_KeepExactTargetText()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "symlinks and statx need Linux");
        new SnapshotBuilder()
            .File("a.txt", "alpha")
            .Symlink("relative", "a.txt")
            .Symlink("dir/up", "../a.txt")
            .Symlink("dangling", "does/not/exist")
            .Symlink("absolute", "/etc/passwd")
            .Symlink("loop", "loop")
            .Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal("a.txt", new FileInfo(Path.Combine(Target, "relative")).LinkTarget);
        Assert.Equal("../a.txt", new FileInfo(Path.Combine(Target, "dir/up")).LinkTarget);
        Assert.Equal("does/not/exist", new FileInfo(Path.Combine(Target, "dangling")).LinkTarget);
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(Target, "absolute")).LinkTarget);
        Assert.Equal("loop", new FileInfo(Path.Combine(Target, "loop")).LinkTarget);
    }

    [SkippableFact]
    public async Task RestoreAsync_SymlinkTime_IsSetOnLinkNotTarget()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "utimensat on links needs Linux");
        var linkTime = new UnixTime(1_000_000_000, 111_111_111);
        var fileTime = new UnixTime(1_500_000_000, 222_222_222);
        new SnapshotBuilder().File("a.txt", "alpha", time: fileTime).Symlink("link", "a.txt", linkTime).Write(_fileSystem, Bag);

        await RestoreAsync();

        Assert.Equal(linkTime, _posix.GetStatus(Path.Combine(Target, "link")).ModifiedTime);
        Assert.Equal(fileTime, _posix.GetStatus(Path.Combine(Target, "a.txt")).ModifiedTime);
    }

    [SkippableTheory]
    [InlineData(-1_000_000_000L, 123_456_789)]
    [InlineData(0L, 1)]
    [InlineData(4_102_444_800L, 999_999_999)]
    public async Task RestoreAsync_Mtimes_KeepNanosecondsBefore1970AndAfter2038(long seconds, int nanoseconds)
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "nanosecond times need Linux");
        var time = new UnixTime(seconds, nanoseconds);
        new SnapshotBuilder().File("dir/a.txt", "alpha", time: time).Directory("dir", time: time).Write(_fileSystem, Bag);

        await RestoreAsync();

        Assert.Equal(time, _posix.GetStatus(Path.Combine(Target, "dir/a.txt")).ModifiedTime);
        Assert.Equal(time, _posix.GetStatus(Path.Combine(Target, "dir")).ModifiedTime);
    }

    [SkippableFact]
    public async Task RestoreAsync_Modes_AreRestoredForFilesAndDirectories()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "Unix modes need Linux");
        new SnapshotBuilder()
            .File("run.sh", "#!/bin/sh\n", mode: 0x1ed)
            .File("secret/key", "k", mode: 0x180)
            .File("readonly.txt", "r", mode: 0x124)
            .Directory("secret", mode: 0x1c0)
            .Directory("locked", mode: 0x16d)
            .Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal(0x1ed, _posix.GetStatus(Path.Combine(Target, "run.sh")).Mode);
        Assert.Equal(0x180, _posix.GetStatus(Path.Combine(Target, "secret/key")).Mode);
        Assert.Equal(0x124, _posix.GetStatus(Path.Combine(Target, "readonly.txt")).Mode);
        Assert.Equal(0x1c0, _posix.GetStatus(Path.Combine(Target, "secret")).Mode);
        Assert.Equal(0x16d, _posix.GetStatus(Path.Combine(Target, "locked")).Mode);
    }

    [SkippableFact]
    public async Task RestoreAsync_AsRoot_RestoresOwners()
    {
        Skip.IfNot(PosixFileSystem.IsRoot, "only root may give files to other users");
        new SnapshotBuilder()
            .Entry(new BackupTool.Core.Snapshots.TreeEntry(EntryKind.Directory, "dir", 0x1ed, SnapshotBuilder.DefaultTime, 0, 1234, 2345))
            .File("dir/a.txt", "alpha")
            .Symlink("link", "dir/a.txt")
            .Write(_fileSystem, Bag);
        var tree = File.ReadAllText(Path.Combine(Bag, "backup-tree.tsv"))
            .Replace("\t0\t0\tdir/a.txt", "\t4321\t5432\tdir/a.txt").Replace("\t0\t0\tlink", "\t77\t88\tlink");
        File.WriteAllText(Path.Combine(Bag, "backup-tree.tsv"), tree);
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        var directory = _posix.GetStatus(Path.Combine(Target, "dir"));
        var file = _posix.GetStatus(Path.Combine(Target, "dir/a.txt"));
        var link = _posix.GetStatus(Path.Combine(Target, "link"));
        Assert.Equal((1234, 2345), (directory.UserId, directory.GroupId));
        Assert.Equal((4321, 5432), (file.UserId, file.GroupId));
        Assert.Equal((77, 88), (link.UserId, link.GroupId));
    }

    [SkippableFact]
    public async Task RestoreAsync_HardLinks_ShareOneInode()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "inode numbers need Linux");
        new SnapshotBuilder()
            .File("a.txt", "same")
            .HardLink("sub/b.txt", "a.txt")
            .File("c.txt", "same")
            .Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        var a = _posix.GetStatus(Path.Combine(Target, "a.txt"));
        var b = _posix.GetStatus(Path.Combine(Target, "sub/b.txt"));
        var c = _posix.GetStatus(Path.Combine(Target, "c.txt"));
        Assert.Equal(1, result.HardLinks);
        Assert.Equal(a.Inode, b.Inode);
        Assert.NotEqual(a.Inode, c.Inode);
        Assert.Equal(2, a.LinkCount);
    }

    [SkippableFact]
    public async Task RestoreAsync_SparseFile_KeepsHoles()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "allocated size needs Linux");
        var bytes = new byte[8 << 20];
        bytes[0] = 1;
        bytes[^1] = 2;
        new SnapshotBuilder().File("disk.img", bytes).Write(_fileSystem, Bag);

        await RestoreAsync();

        var status = _posix.GetStatus(Path.Combine(Target, "disk.img"));
        Assert.Equal(bytes.Length, status.Size);
        Assert.True(status.AllocatedBytes < bytes.Length / 2, $"{status.AllocatedBytes} bytes allocated");
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Target, "disk.img")));
    }

    [SkippableFact]
    public async Task RestoreAsync_TrailingHole_KeepsLengthAndHole()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "allocated size needs Linux");
        var bytes = new byte[6 << 20];
        bytes[100] = 1;
        new SnapshotBuilder().File("tail.img", bytes).Write(_fileSystem, Bag);

        await RestoreAsync();

        var status = _posix.GetStatus(Path.Combine(Target, "tail.img"));
        Assert.Equal(bytes.Length, status.Size);
        Assert.True(status.AllocatedBytes < 1 << 20, $"{status.AllocatedBytes} bytes allocated");
    }

    [SkippableFact]
    public async Task RestoreAsync_TargetSymlinkInTheWay_IsReplacedNotFollowed()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "symlinks need Linux");
        new SnapshotBuilder().File("conf/app.txt", "restored").Write(_fileSystem, Bag);
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Target);
        File.CreateSymbolicLink(Path.Combine(Target, "conf"), outside);

        var result = await RestoreAsync(overwrite: true);

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Null(new DirectoryInfo(Path.Combine(Target, "conf")).LinkTarget);
        Assert.Equal("restored", File.ReadAllText(Path.Combine(Target, "conf/app.txt")));
    }

    [SkippableFact]
    public async Task RestoreAsync_OverwriteFileWithSymlink_ReplacesLinkItself()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "symlinks need Linux");
        new SnapshotBuilder().File("a.txt", "restored").Write(_fileSystem, Bag);
        var outside = _temp.Combine("outside.txt");
        File.WriteAllText(outside, "untouched");
        Directory.CreateDirectory(Target);
        File.CreateSymbolicLink(Path.Combine(Target, "a.txt"), outside);

        await RestoreAsync(overwrite: true);

        Assert.Equal("untouched", File.ReadAllText(outside));
        Assert.Null(new FileInfo(Path.Combine(Target, "a.txt")).LinkTarget);
        Assert.Equal("restored", File.ReadAllText(Path.Combine(Target, "a.txt")));
    }

    [SkippableFact]
    public async Task RestoreAsync_UnwritableTarget_ThrowsNamingPath()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "Unix modes need Linux");
        Skip.If(Environment.UserName == "root", "root writes into read-only folders");
        new SnapshotBuilder().File("a.txt", "alpha").Write(_fileSystem, Bag);
        Directory.CreateDirectory(Target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Target, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => RestoreAsync());

        Assert.True(exception is IOException or UnauthorizedAccessException, exception.GetType().Name);
        Assert.Contains(Target, exception.Message);
    }

    [SkippableFact]
    public async Task RestoreAsync_DirectoryWithoutWriteMode_StillReceivesFiles()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "Unix modes need Linux");
        new SnapshotBuilder().File("ro/a.txt", "alpha").Directory("ro", mode: 0x16d).Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(Target, "ro/a.txt")));
        Assert.Equal(0x16d, _posix.GetStatus(Path.Combine(Target, "ro")).Mode);
    }
}
