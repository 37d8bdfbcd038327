using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;

namespace BackupTool.Core.Tests.Hashing;

public sealed class HashingCopierWritebackTests
{
    private readonly MockFileSystem _fileSystem = new();
    private readonly RecordingPosixFileSystem _posix;

    public HashingCopierWritebackTests()
    {
        _posix = new RecordingPosixFileSystem(new EmulatedPosixFileSystem(_fileSystem));
        _fileSystem.AddDirectory("/dst");
    }

    [Fact]
    public void Copy_LargeFile_StartsWritebackPerInterval()
    {
        const int interval = HashingCopier.WritebackInterval;
        var size = 2 * interval + 5;
        _fileSystem.AddFile("/src/big", new MockFileData(new byte[size]));
        var copier = new HashingCopier(_fileSystem, [ChecksumAlgorithm.Md5], _posix);

        copier.Copy("/src/big", "/dst/big", sparse: false, CancellationToken.None, readBack: true, expectedLength: size);

        Assert.Equal([(0L, (long)interval), (interval, interval), (2L * interval, 5L)], _posix.Ranges);
    }

    [Fact]
    public void Copy_FileBelowInterval_StartsNone()
    {
        _fileSystem.AddFile("/src/small", new MockFileData(new byte[100]));
        var copier = new HashingCopier(_fileSystem, [ChecksumAlgorithm.Md5], _posix);

        copier.Copy("/src/small", "/dst/small", sparse: false, CancellationToken.None);

        Assert.Empty(_posix.Ranges);
    }

    [Fact]
    public void Copy_ExactlyOneInterval_StartsOne()
    {
        const int interval = HashingCopier.WritebackInterval;
        _fileSystem.AddFile("/src/big", new MockFileData(new byte[interval]));
        var copier = new HashingCopier(_fileSystem, [ChecksumAlgorithm.Md5], _posix);

        copier.Copy("/src/big", "/dst/big", sparse: false, CancellationToken.None);

        Assert.Equal([(0L, (long)interval)], _posix.Ranges);
    }

    /// <summary>Passes every call on and records the ranges given to <see cref="StartWriteback"/>.</summary>
    private sealed class RecordingPosixFileSystem(IPosixFileSystem inner) : IPosixFileSystem
    {
        public List<(long Offset, long Count)> Ranges { get; } = [];

        public void StartWriteback(Stream file, long offset, long count) => Ranges.Add((offset, count));

        public EntryStatus GetStatus(string path, bool followSymlinks = false) => inner.GetStatus(path, followSymlinks);

        public void SetOwner(string path, int userId, int groupId) => inner.SetOwner(path, userId, groupId);

        public void SetModifiedTime(string path, UnixTime time) => inner.SetModifiedTime(path, time);

        public void CreateHardLink(string existingPath, string newPath) => inner.CreateHardLink(existingPath, newPath);

        public void SyncFileSystem(string path) => inner.SyncFileSystem(path);

        public void SyncDirectory(string path) => inner.SyncDirectory(path);

        public IReadOnlyList<EntryName> ListDirectory(string path) => inner.ListDirectory(path);

        public EntryName ReadLinkTarget(string path) => inner.ReadLinkTarget(path);

        public void Rename(string sourcePath, string destinationPath) => inner.Rename(sourcePath, destinationPath);

        public IDisposable? TryLock(string directoryPath) => inner.TryLock(directoryPath);
    }
}
