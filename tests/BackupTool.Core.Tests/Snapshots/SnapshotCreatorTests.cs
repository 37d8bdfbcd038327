using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests.Snapshots;

public class SnapshotCreatorTests
{
    private static readonly Dictionary<string, string> Tree = new()
    {
        ["/src/b.txt"] = "bee",
        ["/src/a-c.txt"] = "ac",
        ["/src/a/b.txt"] = "nested",
        ["/src/empty/"] = "",
        ["/src/z/deeper/"] = "",
    };

    [Fact]
    public async Task CreateAsync_Tree_WritesSortedMd5Manifest()
    {
        var fileSystem = MockTrees.Create(Tree);

        var result = await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        var manifest = fileSystem.File.ReadAllText("/dest/snap/manifest-md5.txt");
        Assert.Equal(Lines(("ac", "data/a-c.txt"), ("nested", "data/a/b.txt"), ("bee", "data/b.txt")), manifest);
        Assert.Equal(3, result.Files);
        Assert.Equal(11, result.Bytes);
        Assert.Equal(4, result.Directories);
    }

    [Fact]
    public async Task CreateAsync_Tree_WritesBagDeclarationAndOxum()
    {
        var fileSystem = MockTrees.Create(Tree);

        await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        Assert.Equal("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
            fileSystem.File.ReadAllText("/dest/snap/bagit.txt"));
        var info = fileSystem.File.ReadAllLines("/dest/snap/bag-info.txt");
        Assert.Contains("Payload-Oxum: 11.3", info);
        Assert.Contains("Source-Path: /src", info);
        Assert.Contains(info, line => line.StartsWith("Bagging-Date: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_EmptyFolders_RecordedAndCopied()
    {
        var fileSystem = MockTrees.Create(Tree);

        await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        Assert.True(fileSystem.Directory.Exists("/dest/snap/data/z/deeper"));
        var tree = new TreeMetadataReader(fileSystem).Read("/dest/snap/backup-tree.tsv").Select(e => e.Path).ToList();
        // A folder sorts as its name plus "/", so "a-c.txt" comes before "a" and its children.
        Assert.Equal([".", "a-c.txt", "a", "a/b.txt", "b.txt", "empty", "z", "z/deeper"], tree);
    }

    [Fact]
    public async Task CreateAsync_TagManifest_CoversEveryTagFile()
    {
        var fileSystem = MockTrees.Create(Tree);

        await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        var listed = fileSystem.File.ReadAllLines("/dest/snap/tagmanifest-md5.txt").Select(l => l[34..]).ToList();
        Assert.Equal(["README.md", "backup-tree.tsv", "bag-info.txt", "bagit.txt", "manifest-md5.txt"], listed);
        foreach (var line in fileSystem.File.ReadAllLines("/dest/snap/tagmanifest-md5.txt"))
        {
            Assert.Equal(Md5(fileSystem.File.ReadAllText("/dest/snap/" + line[34..])), line[..32]);
        }
    }

    [Fact]
    public async Task CreateAsync_SeveralAlgorithms_WritesOneManifestEach()
    {
        var fileSystem = MockTrees.Create(Tree);
        var options = new SnapshotOptions("/src", "/dest", "snap", [ChecksumAlgorithm.Sha256, ChecksumAlgorithm.Md5]);

        await Creator(fileSystem).CreateAsync(options);

        Assert.True(fileSystem.File.Exists("/dest/snap/manifest-md5.txt"));
        Assert.True(fileSystem.File.Exists("/dest/snap/tagmanifest-sha256.txt"));
        var sha = fileSystem.File.ReadAllLines("/dest/snap/manifest-sha256.txt");
        Assert.Equal(64, sha[0].IndexOf(' '));
    }

    [Fact]
    public async Task CreateAsync_ExistingName_ThrowsAndWritesNothing()
    {
        var fileSystem = MockTrees.Create(new Dictionary<string, string>(Tree) { ["/dest/snap/keep.txt"] = "old" });

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap")));

        Assert.Contains("already exists", error.Message);
        Assert.Equal(["/dest/snap"], fileSystem.Directory.GetDirectories("/dest"));
        Assert.Equal("old", fileSystem.File.ReadAllText("/dest/snap/keep.txt"));
    }

    [Fact]
    public async Task CreateAsync_MissingSource_ThrowsNamingIt()
    {
        var fileSystem = MockTrees.Create(Tree);

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => Creator(fileSystem).CreateAsync(new SnapshotOptions("/nowhere", "/dest", "snap")));

        Assert.Contains("/nowhere", error.Message);
        Assert.False(fileSystem.Directory.Exists("/dest"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public async Task CreateAsync_UnusableName_ThrowsInvalidInput(string name)
    {
        var fileSystem = MockTrees.Create(Tree);

        await Assert.ThrowsAsync<InvalidInputException>(
            () => Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", name)));
    }

    [Fact]
    public async Task CreateAsync_DestinationInsideSource_LeavesItOut()
    {
        var fileSystem = MockTrees.Create(Tree);
        var creator = Creator(fileSystem);

        var first = await creator.CreateAsync(new SnapshotOptions("/src", "/src/backups", "one"));
        var second = await creator.CreateAsync(new SnapshotOptions("/src", "/src/backups", "two"));

        Assert.Equal("/src/backups", second.ExcludedDestination);
        Assert.Equal(first.Files, second.Files);
        Assert.False(fileSystem.Directory.Exists("/src/backups/two/data/backups"));
    }

    [Fact]
    public async Task CreateAsync_DestinationIsAFile_ThrowsInvalidInput()
    {
        var fileSystem = MockTrees.Create(new Dictionary<string, string>(Tree) { ["/dest"] = "a file" });

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap")));

        Assert.Contains("is a file", error.Message);
    }

    [Fact]
    public async Task CreateAsync_DestinationIsSource_ThrowsInvalidInput()
    {
        var fileSystem = MockTrees.Create(Tree);

        await Assert.ThrowsAsync<InvalidInputException>(
            () => Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/src/", "snap")));
    }

    [Fact]
    public async Task CreateAsync_Excludes_LeaveMatchingPathsOut()
    {
        var fileSystem = MockTrees.Create(Tree);
        var options = new SnapshotOptions("/src", "/dest", "snap", Excludes: ["a/", "*.txt.bak", "b.txt"]);

        var result = await Creator(fileSystem).CreateAsync(options);

        Assert.Equal(1, result.Files);
        Assert.False(fileSystem.Directory.Exists("/dest/snap/data/a"));
        Assert.False(fileSystem.File.Exists("/dest/snap/data/b.txt"));
        Assert.True(fileSystem.File.Exists("/dest/snap/data/a-c.txt"));
    }

    [Fact]
    public async Task CreateAsync_EmptySource_WritesEmptyManifest()
    {
        var fileSystem = MockTrees.Create(new Dictionary<string, string> { ["/src/"] = "" });

        var result = await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        Assert.Equal(0, result.Files);
        Assert.Equal("", fileSystem.File.ReadAllText("/dest/snap/manifest-md5.txt"));
        Assert.Contains("Payload-Oxum: 0.0", fileSystem.File.ReadAllLines("/dest/snap/bag-info.txt"));
    }

    [Fact]
    public async Task CreateAsync_Cancelled_RemovesPartialFolder()
    {
        var fileSystem = MockTrees.Create(Tree);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"), null, cancellation.Token));

        Assert.Empty(fileSystem.Directory.GetFileSystemEntries("/dest"));
    }

    [Fact]
    public async Task CreateAsync_DefaultName_UsesSourceFolderAndLocalTime()
    {
        var fileSystem = MockTrees.Create(Tree);
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 30, 18, 15, 0, TimeSpan.Zero));

        var first = await Creator(fileSystem, clock).CreateAsync(new SnapshotOptions("/src", "/dest"));
        var second = await Creator(fileSystem, clock).CreateAsync(new SnapshotOptions("/src", "/dest"));

        Assert.Equal("/dest/src-backup-20260130-181500", first.SnapshotPath);
        Assert.Equal("/dest/src-backup-20260130-181500-2", second.SnapshotPath);
    }

    [Fact]
    public async Task CreateAsync_NameWithPercentAndNewline_EncodesManifestAndReportsIt()
    {
        var fileSystem = MockTrees.Create(new Dictionary<string, string> { ["/src/100%\nok"] = "x" });

        var result = await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        Assert.Equal(Lines(("x", "data/100%25%0Aok")), fileSystem.File.ReadAllText("/dest/snap/manifest-md5.txt"));
        Assert.Equal(["100%\nok"], result.UncheckableNames);
    }

    [Fact]
    public async Task CreateAsync_Readme_GivesRunnableCommands()
    {
        var fileSystem = MockTrees.Create(Tree);

        await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap"));

        var readme = fileSystem.File.ReadAllText("/dest/snap/README.md");
        Assert.Contains("cd snap && md5sum -c --quiet manifest-md5.txt", readme);
        Assert.Contains("cp -a snap/data/. TARGET", readme);
        Assert.Contains("backup restore snap --to TARGET", readme);
    }

    [Fact]
    public async Task CreateAsync_ReadmeWithoutMd5_NamesTheToolOfTheManifest()
    {
        // A SHA-256-only snapshot's README used to give an md5sum command for a manifest it lacks.
        var fileSystem = MockTrees.Create(Tree);

        await Creator(fileSystem).CreateAsync(new SnapshotOptions("/src", "/dest", "snap", [ChecksumAlgorithm.Sha256]));

        var readme = fileSystem.File.ReadAllText("/dest/snap/README.md");
        Assert.Contains("cd snap && sha256sum -c --quiet manifest-sha256.txt", readme);
        Assert.DoesNotContain("manifest-md5.txt", readme);
    }

    [Theory]
    [InlineData(true, 2, 3)]
    [InlineData(false, 0, 0)]
    public async Task CreateAsync_ManyBytes_FlushesOnTheWayOnlyWhenDurable(bool durable, int min, int max)
    {
        // A background flush after 80 MiB, one after 160 MiB unless the first still runs, then the
        // final flush before publishing.
        const int size = 40 << 20;
        var fileSystem = MockTrees.Create(new Dictionary<string, string> { ["/src/"] = "" });
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            fileSystem.AddFile($"/src/{name}.bin", new MockFileData(new byte[size]));
        }

        var posix = new FlushCountingPosixFileSystem(MockTrees.Posix(fileSystem));
        var creator = new SnapshotCreator(fileSystem, posix, MockTrees.Logger);

        var result = await creator.CreateAsync(new SnapshotOptions("/src", "/dest", "snap", Durable: durable));

        Assert.Equal(4L * size, result.Bytes);
        Assert.InRange(posix.Flushes, min, max);
    }

    private static SnapshotCreator Creator(MockFileSystem fileSystem, TimeProvider? clock = null) =>
        new(fileSystem, MockTrees.Posix(fileSystem), MockTrees.Logger, clock);

    private static string Lines(params (string Content, string Path)[] files) =>
        string.Concat(files.Select(f => $"{Md5(f.Content)}  {f.Path}\n"));

    private static string Md5(string content) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(content)));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
