using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Hashing;
using BackupTool.Core.Restore;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests.Restore;

public sealed class SparseCopierTests
{
    private readonly MockFileSystem _fileSystem = new();

    [Theory]
    [InlineData(0, -1)]
    [InlineData(1, -1)]
    [InlineData(3 * SparseCopier.BlockSize, -1)]
    [InlineData(3 * SparseCopier.BlockSize, 0)]
    [InlineData(3 * SparseCopier.BlockSize + 17, SparseCopier.BlockSize + 5)]
    [InlineData(SparseCopier.BufferSize + SparseCopier.BlockSize, SparseCopier.BufferSize - 1)]
    [InlineData(2 * SparseCopier.BufferSize, 2 * SparseCopier.BufferSize - 1)]
    public void Copy_ZeroRuns_KeepLengthContentAndDigest(int length, int markerOffset)
    {
        var bytes = new byte[length];
        if (markerOffset >= 0)
        {
            bytes[markerOffset] = 0x5a;
        }

        _fileSystem.AddFile("/in.bin", new MockFileData(bytes));

        var (digests, copied) = new SparseCopier(_fileSystem)
            .Copy("/in.bin", "/out.bin", [ChecksumAlgorithm.Md5], CancellationToken.None);

        Assert.Equal(length, copied);
        Assert.Equal(bytes, _fileSystem.File.ReadAllBytes("/out.bin"));
        Assert.Equal(SnapshotBuilder.Md5(bytes), digests[0]);
    }

    [Fact]
    public void Copy_ExistingDestination_ThrowsIOException()
    {
        _fileSystem.AddFile("/in.bin", new MockFileData("new"));
        _fileSystem.AddFile("/out.bin", new MockFileData("old"));

        Assert.ThrowsAny<IOException>(() => new SparseCopier(_fileSystem)
            .Copy("/in.bin", "/out.bin", [ChecksumAlgorithm.Md5], CancellationToken.None));
        Assert.Equal("old", _fileSystem.File.ReadAllText("/out.bin"));
    }
}
