using System.Security.Cryptography;
using System.Text;
using BackupTool.Core.Posix;
using BackupTool.Core.Tests.Support;
using BackupTool.Core.Verification;

namespace BackupTool.Core.Tests.Verification;

public sealed class FileDigesterTests : IDisposable
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("the same bytes every time");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("md5")]
    [InlineData("sha224")]
    [InlineData("sha384")]
    public void Hash_AfterFailedRead_NextFileDigestIsCorrect(string algorithm)
    {
        var digester = new FileDigester([ManifestAlgorithm.Find(algorithm)!]);
        var buffer = new byte[16];
        var expected = new FileDigester([ManifestAlgorithm.Find(algorithm)!])
            .Hash(new MemoryStream(Content), buffer, CancellationToken.None).Digests[0];
        Assert.Throws<IOException>(() => digester.Hash(new FailingStream(), buffer, CancellationToken.None));

        var (digests, length) = digester.Hash(new MemoryStream(Content), buffer, CancellationToken.None);

        Assert.Equal(Content.Length, length);
        Assert.Equal(expected, digests[0]);
    }

    [SkippableFact]
    public void TryHash_PosixRead_MatchesStreamHash()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "reads through Linux system calls");
        var path = _temp.Combine("file");
        File.WriteAllBytes(path, Content);
        var digester = new FileDigester([ManifestAlgorithm.Find("sha256")!]);
        var posix = new PosixFileSystem();
        using var handle = posix.TryOpenForReading(path, sequential: true);

        var result = digester.TryHash(posix, handle!, Content.Length, new byte[8], CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal(Content.Length, result.Value.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Content)), result.Value.Digests[0]);
    }

    [SkippableFact]
    public void TryHash_Folder_ReturnsNull()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "reads through Linux system calls");
        var digester = new FileDigester([ManifestAlgorithm.Find("md5")!]);
        var posix = new PosixFileSystem();
        using var handle = posix.TryOpenForReading(_temp.Path, sequential: false);

        var result = digester.TryHash(posix, handle!, 4096, new byte[8], CancellationToken.None);

        Assert.Null(result);
    }

    [SkippableFact]
    public void TryOpenForReading_MissingFile_ReturnsNull()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "opens through Linux system calls");

        var handle = new PosixFileSystem().TryOpenForReading(_temp.Combine("absent"), sequential: false);

        Assert.Null(handle);
    }

    /// <summary>Returns some bytes, then fails as a disk error would.</summary>
    private sealed class FailingStream : MemoryStream
    {
        private int _reads;

        public FailingStream()
            : base(Encoding.UTF8.GetBytes("bytes of a file that cannot be read in full"))
        {
        }

        public override int Read(Span<byte> buffer) =>
            _reads++ == 0 ? base.Read(buffer) : throw new IOException("simulated read error");
    }
}
