using System.IO.Abstractions;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests.Snapshots;

/// <summary>Snapshot creation on the real disk, for what a mock cannot model: links, modes, times, pipes, holes.</summary>
public sealed class SnapshotCreatorDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();
    private readonly PosixFileSystem _posix = new();

    public SnapshotCreatorDiskTests()
    {
        Directory.CreateDirectory(Source);
    }

    private string Source => _temp.Combine("src");

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task CreateAsync_Symlinks_StoredVerbatimNeverFollowed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        Directory.CreateDirectory(_temp.Combine("src", "dir"));
        File.CreateSymbolicLink(_temp.Combine("src", "loop"), ".");
        File.CreateSymbolicLink(_temp.Combine("src", "dir", "up"), "..");
        File.CreateSymbolicLink(_temp.Combine("src", "dangling"), "no/such/target");
        File.CreateSymbolicLink(_temp.Combine("src", "absolute"), "/etc/passwd");

        var result = await CreateAsync();

        Assert.Equal(4, result.Symlinks);
        Assert.Equal(0, result.Files);
        Assert.Equal(".", new FileInfo(Data("loop")).LinkTarget);
        Assert.Equal("..", new FileInfo(Data("dir", "up")).LinkTarget);
        Assert.Equal("no/such/target", new FileInfo(Data("dangling")).LinkTarget);
        Assert.Equal("/etc/passwd", new FileInfo(Data("absolute")).LinkTarget);
    }

    [SkippableFact]
    public async Task CreateAsync_FollowSymlinksWithLoop_Terminates()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        Directory.CreateDirectory(_temp.Combine("src", "dir"));
        File.WriteAllText(_temp.Combine("src", "dir", "file.txt"), "x");
        File.CreateSymbolicLink(_temp.Combine("src", "dir", "back"), "..");
        File.CreateSymbolicLink(_temp.Combine("src", "alias"), "dir");

        var result = await CreateAsync(new SnapshotOptions(Source, _temp.Combine("dest"), "snap", FollowSymlinks: true));

        Assert.Equal("x", File.ReadAllText(Data("alias", "file.txt")));
        Assert.Equal("..", new FileInfo(Data("dir", "back")).LinkTarget);
        Assert.Equal(2, result.Files);
    }

    [SkippableFact]
    public async Task CreateAsync_FollowedFileLink_NoChangeWarning()
    {
        // A followed link was compared with the link's own status after the copy, so every
        // followed file was reported as changed while it was read.
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.WriteAllText(_temp.Combine("src", "target.txt"), "t");
        File.CreateSymbolicLink(_temp.Combine("src", "alias.txt"), "target.txt");

        var result = await CreateAsync(new SnapshotOptions(Source, _temp.Combine("dest"), "snap", FollowSymlinks: true));

        Assert.Empty(result.Warnings);
        Assert.Equal("t", File.ReadAllText(Data("alias.txt")));
        Assert.Null(new FileInfo(Data("alias.txt")).LinkTarget);
    }

    [SkippableFact]
    public async Task CreateAsync_ModesAndNanosecondTimes_CopiedExactly()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Unix modes and nanosecond times are tested on Linux");
        var file = _temp.Combine("src", "script.sh");
        File.WriteAllText(file, "#!/bin/sh\n");
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("4751", 8));
        var secret = _temp.Combine("src", "private");
        Directory.CreateDirectory(secret);
        File.WriteAllText(Path.Combine(secret, "key"), "k");
        _posix.SetModifiedTime(file, new UnixTime(-1_000_000_000, 123_456_789));
        _posix.SetModifiedTime(Path.Combine(secret, "key"), new UnixTime(4_102_444_800, 1));
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _posix.SetModifiedTime(secret, new UnixTime(1_000_000_000, 999_999_999));

        await CreateAsync();

        foreach (var path in new[] { "script.sh", "private", "private/key", "." })
        {
            var original = _posix.GetStatus(Path.Combine(Source, path));
            var copy = _posix.GetStatus(Path.Combine(_temp.Combine("dest", "snap", "data"), path));
            Assert.Equal(Convert.ToString(original.Mode, 8), Convert.ToString(copy.Mode, 8));
            Assert.Equal(original.ModifiedTime, copy.ModifiedTime);
        }
    }

    [SkippableFact]
    public async Task CreateAsync_HardLinks_StayOneInodeAndSeparateFilesStaySeparate()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "hard links are tested on Linux");
        File.WriteAllText(_temp.Combine("src", "a"), "same");
        _posix.CreateHardLink(_temp.Combine("src", "a"), _temp.Combine("src", "b"));
        File.WriteAllText(_temp.Combine("src", "c"), "same");

        var result = await CreateAsync();

        var a = _posix.GetStatus(Data("a"));
        Assert.Equal(a.Inode, _posix.GetStatus(Data("b")).Inode);
        Assert.NotEqual(a.Inode, _posix.GetStatus(Data("c")).Inode);
        Assert.Equal(3, result.Files);
        var tree = new TreeMetadataReader(_fileSystem).Read(_temp.Combine("dest", "snap", "backup-tree.tsv")).ToList();
        Assert.Equal("a", tree.Single(e => e.Path == "b").HardLinkOf);
        Assert.Null(tree.Single(e => e.Path == "c").HardLinkOf);
        Assert.Equal(3, File.ReadAllLines(_temp.Combine("dest", "snap", "manifest-md5.txt")).Length);
    }

    [SkippableFact]
    public async Task CreateAsync_SparseFile_KeepsHashAndHoles()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sparse files are tested on Linux");
        var sparse = _temp.Combine("src", "disk.img");
        using (var stream = File.Create(sparse))
        {
            stream.Seek(3L << 30, SeekOrigin.Begin);
            stream.Write("end"u8);
        }

        var result = await CreateAsync();

        var copy = _posix.GetStatus(Data("disk.img"));
        Assert.Equal((3L << 30) + 3, copy.Size);
        Assert.True(copy.AllocatedBytes < 1 << 20, $"the copy allocates {copy.AllocatedBytes} bytes");
        Assert.Equal((3L << 30) + 3, result.Bytes);
        var md5 = Shell.Run("md5sum", sparse)[..32];
        Assert.Contains($"{md5}  data/disk.img", File.ReadAllText(_temp.Combine("dest", "snap", "manifest-md5.txt")));
    }

    [SkippableFact]
    public async Task CreateAsync_NamedPipe_RecordedNotOpened()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "named pipes are tested on Linux");
        Shell.Run("mkfifo", _temp.Combine("src", "pipe"));
        File.WriteAllText(_temp.Combine("src", "file"), "f");

        var result = await CreateAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(result.Warnings, w => w.Path == "pipe" && w.Message.Contains("named pipe"));
        var tree = new TreeMetadataReader(_fileSystem).Read(_temp.Combine("dest", "snap", "backup-tree.tsv")).ToList();
        Assert.Equal(EntryKind.Fifo, tree.Single(e => e.Path == "pipe").Kind);
        Assert.False(File.Exists(Data("pipe")));
    }

    [SkippableFact]
    public async Task CreateAsync_Success_LeavesOwnerOnlyRootAndNoPartialFolder()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "modes are tested on Linux");
        File.WriteAllText(_temp.Combine("src", ".env"), "TOKEN=fake");

        await CreateAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(_temp.Combine("dest", "snap")));
        Assert.Equal(["snap"], Directory.GetFileSystemEntries(_temp.Combine("dest")).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task CreateAsync_SourceIsSymlinkAboveDestination_LeavesDestinationOut()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.WriteAllText(_temp.Combine("src", "a.txt"), "a");
        Directory.CreateDirectory(_temp.Combine("src", "inner"));
        File.CreateSymbolicLink(_temp.Combine("alias"), "src");

        var result = await CreateAsync(new SnapshotOptions(_temp.Combine("alias"), _temp.Combine("src", "inner"), "snap"));

        Assert.Equal(_temp.Combine("alias", "inner"), result.ExcludedDestination);
        Assert.Equal(1, result.Files);
        Assert.False(Directory.Exists(_temp.Combine("src", "inner", "snap", "data", "inner")));
    }

    [SkippableFact]
    public async Task CreateAsync_DestinationIsSymlinkIntoSource_LeavesDestinationOut()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.WriteAllText(_temp.Combine("src", "a.txt"), "a");
        Directory.CreateDirectory(_temp.Combine("src", "inner"));
        File.CreateSymbolicLink(_temp.Combine("backups"), Path.Combine("src", "inner"));

        var result = await CreateAsync(new SnapshotOptions(Source, _temp.Combine("backups", "new"), "snap"));

        Assert.Equal(_temp.Combine("src", "inner", "new"), result.ExcludedDestination);
        Assert.Equal(1, result.Files);
        Assert.Equal(["a.txt", "inner"], Directory.GetFileSystemEntries(_temp.Combine("src", "inner", "new", "snap", "data"))
            .Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("src", "inner", "new", "snap", "data", "inner")));
    }

    [SkippableFact]
    public async Task CreateAsync_DestinationIsSymlinkToSource_ThrowsInvalidInput()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.CreateSymbolicLink(_temp.Combine("same"), "src");

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => CreateAsync(new SnapshotOptions(Source, _temp.Combine("same"), "snap")));

        Assert.Contains("is the source folder itself", error.Message);
    }

    private Task<SnapshotResult> CreateAsync(SnapshotOptions? options = null) =>
        new SnapshotCreator(_fileSystem, _posix, MockTrees.Logger)
            .CreateAsync(options ?? new SnapshotOptions(Source, _temp.Combine("dest"), "snap"));

    private string Data(params string[] parts) => Path.Combine([_temp.Combine("dest", "snap", "data"), .. parts]);
}
