using System.IO.Abstractions.TestingHelpers;
using System.Text;
using BackupTool.Core.Hashing;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests.Hashing;

public sealed class HashingCopierTests
{
    private const string HelloMd5 = "5d41402abc4b2a76b9719d911017c592";

    private readonly MockFileSystem _fileSystem = new();
    private readonly HashingCopier _copier;

    public HashingCopierTests()
    {
        _copier = new HashingCopier(_fileSystem, [ChecksumAlgorithm.Md5]);
        _fileSystem.AddFile("/src/a.txt", new MockFileData(Encoding.ASCII.GetBytes("hello")));
        _fileSystem.AddDirectory("/dst");
    }

    [Fact]
    public void Copy_ReadBack_MatchesWrittenBytes()
    {
        var result = _copier.Copy("/src/a.txt", "/dst/a.txt", sparse: false, CancellationToken.None, readBack: true);

        Assert.True(result.ReadBackMatches);
        Assert.Equal(HelloMd5, result.Digests[0]);
        Assert.Equal(5, result.Length);
        Assert.Equal("hello", _fileSystem.File.ReadAllText("/dst/a.txt"));
    }

    [Fact]
    public void Copy_WithoutReadBack_LeavesMatchUnset()
    {
        var result = _copier.Copy("/src/a.txt", "/dst/a.txt", sparse: false, CancellationToken.None);

        Assert.Null(result.ReadBackMatches);
        Assert.Equal(HelloMd5, result.Digests[0]);
    }

    [Fact]
    public void Copy_ManyBlocks_ReadBackComparesWholeFile()
    {
        var bytes = new byte[HashingCopier.BlockSize * 2 + 17];
        new Random(7).NextBytes(bytes);
        _fileSystem.AddFile("/src/big.bin", new MockFileData(bytes));

        var result = _copier.Copy("/src/big.bin", "/dst/big.bin", sparse: false, CancellationToken.None, readBack: true);

        Assert.True(result.ReadBackMatches);
        Assert.Equal(bytes.Length, result.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)), result.Digests[0]);
    }

    [Fact]
    public void Copy_SourceLongerThanExpected_CopiesWholeSource()
    {
        var result = _copier.Copy("/src/a.txt", "/dst/a.txt", sparse: false, CancellationToken.None, readBack: true,
            expectedLength: 4);

        Assert.Equal(5, result.Length);
        Assert.True(result.ReadBackMatches);
        Assert.Equal("hello", _fileSystem.File.ReadAllText("/dst/a.txt"));
    }

    [Fact]
    public void Copy_SourceShorterThanExpected_CopiesWholeSource()
    {
        var result = _copier.Copy("/src/a.txt", "/dst/a.txt", sparse: false, CancellationToken.None, readBack: true,
            expectedLength: 50);

        Assert.Equal(5, result.Length);
        Assert.True(result.ReadBackMatches);
        Assert.Equal(HelloMd5, result.Digests[0]);
    }

    [Fact]
    public void Copy_EmptySourceExpected_WritesEmptyFile()
    {
        _fileSystem.AddFile("/src/empty", new MockFileData([]));

        var result = _copier.Copy("/src/empty", "/dst/empty", sparse: false, CancellationToken.None, readBack: true,
            expectedLength: 0);

        Assert.Equal(0, result.Length);
        Assert.True(result.ReadBackMatches);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", result.Digests[0]);
        Assert.True(_fileSystem.File.Exists("/dst/empty"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Copy_DamagedBlock_ReadBackFails(int damagedBlock)
    {
        var bytes = new byte[HashingCopier.BlockSize * 3];
        new Random(11).NextBytes(bytes);
        _fileSystem.AddFile("/src/big.bin", new MockFileData(bytes));
        var copier = new HashingCopier(new CorruptingFileSystem(_fileSystem, "big.bin", damagedBlock), [ChecksumAlgorithm.Md5]);

        var result = copier.Copy("/src/big.bin", "/dst/big.bin", sparse: false, CancellationToken.None, readBack: true);

        Assert.False(result.ReadBackMatches);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)), result.Digests[0]);
    }

    [Fact]
    public void Copy_SparseDamaged_ReadBackFails()
    {
        var bytes = new byte[HashingCopier.BlockSize * 2];
        bytes[HashingCopier.BlockSize + 100] = 1;
        _fileSystem.AddFile("/src/sparse.bin", new MockFileData(bytes));
        var copier = new HashingCopier(new CorruptingFileSystem(_fileSystem, "sparse.bin", 0), [ChecksumAlgorithm.Md5]);

        var result = copier.Copy("/src/sparse.bin", "/dst/sparse.bin", sparse: true, CancellationToken.None, readBack: true);

        Assert.False(result.ReadBackMatches);
    }

    [Fact]
    public void Copy_SparseEndingInHole_Matches()
    {
        var bytes = new byte[HashingCopier.BlockSize * 2 + 4096 * 3];
        bytes[10] = 7;
        bytes[HashingCopier.BlockSize + 5] = 9;
        _fileSystem.AddFile("/src/sparse.bin", new MockFileData(bytes));

        var result = _copier.Copy("/src/sparse.bin", "/dst/sparse.bin", sparse: true, CancellationToken.None, readBack: true);

        Assert.True(result.ReadBackMatches);
        Assert.Equal(bytes, _fileSystem.File.ReadAllBytes("/dst/sparse.bin"));
    }
}
