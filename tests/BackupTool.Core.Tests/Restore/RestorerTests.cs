using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Posix;
using BackupTool.Core.Restore;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;
using Serilog;

namespace BackupTool.Core.Tests.Restore;

public sealed class RestorerTests
{
    private const string Bag = "/backups/src-backup";
    private const string Target = "/restored";

    private readonly MockFileSystem _fileSystem = new();

    private Restorer CreateRestorer() =>
        new(_fileSystem, new EmulatedPosixFileSystem(_fileSystem), new LoggerConfiguration().CreateLogger());

    private Task<RestoreResult> RestoreAsync(bool overwrite = false, bool dryRun = false,
        CancellationToken cancellation = default) =>
        CreateRestorer().RestoreAsync(new RestoreRequest(Bag, Target, overwrite, dryRun), cancellation);

    [Fact]
    public async Task RestoreAsync_EmptyTarget_WritesEveryFile()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string>
        {
            ["a.txt"] = "alpha",
            ["src/b.txt"] = "beta",
            ["src/deep/c.txt"] = "",
        }).Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal("alpha", _fileSystem.File.ReadAllText(Target + "/a.txt"));
        Assert.Equal("beta", _fileSystem.File.ReadAllText(Target + "/src/b.txt"));
        Assert.Equal("", _fileSystem.File.ReadAllText(Target + "/src/deep/c.txt"));
        Assert.Equal(3, result.Files);
        Assert.Equal(9, result.Bytes);
    }

    [Fact]
    public async Task RestoreAsync_EmptyTarget_LeavesNoStagingFolder()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);

        await RestoreAsync();

        var names = _fileSystem.Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName);
        Assert.Equal(["a.txt"], names);
    }

    [Fact]
    public async Task RestoreAsync_EmptySnapshot_CreatesEmptyTarget()
    {
        new SnapshotBuilder().Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.True(_fileSystem.Directory.Exists(Target));
        Assert.Empty(_fileSystem.Directory.EnumerateFileSystemEntries(Target));
    }

    [Fact]
    public async Task RestoreAsync_EmptyDirectories_AreRecreated()
    {
        new SnapshotBuilder().Directory("empty").Directory("nested/inner/.hidden", mode: 0x1c0).Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.True(_fileSystem.Directory.Exists(Target + "/empty"));
        Assert.True(_fileSystem.Directory.Exists(Target + "/nested/inner/.hidden"));
        Assert.Equal(4, result.Directories);
    }

    [Fact]
    public async Task RestoreAsync_FileTime_IsSetFromMetadata()
    {
        var time = new UnixTime(1_234_567_890, 987_654_300);
        new SnapshotBuilder().File("a.txt", "alpha", time: time).Write(_fileSystem, Bag);

        await RestoreAsync();

        Assert.Equal(time.ToDateTime(), _fileSystem.File.GetLastWriteTimeUtc(Target + "/a.txt"));
    }

    [Fact]
    public async Task RestoreAsync_PayloadFlipped_FailsNamingFileAndRemovesStaging()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b.txt"] = "beta" })
            .Write(_fileSystem, Bag);
        _fileSystem.File.WriteAllText(Bag + "/data/b.txt", "bEta");

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Failed, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("data/b.txt") && p.Contains("does not match"));
        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    [Fact]
    public async Task RestoreAsync_PayloadReplacedByDirectory_FailsNamingFile()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.File.Delete(Bag + "/data/a.txt");
        _fileSystem.Directory.CreateDirectory(Bag + "/data/a.txt");

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Failed, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("data/a.txt") && p.Contains("not a regular file"));
    }

    [Fact]
    public async Task RestoreAsync_TagFileEdited_RejectsBeforeCreatingTarget()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.File.AppendAllText(Bag + "/manifest-md5.txt", "0123456789abcdef0123456789abcdef  data/b.txt\n");

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.StartsWith("manifest-md5.txt: md5 is") && p.Contains("tagmanifest-md5.txt"));
        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    [Fact]
    public async Task RestoreAsync_TagManifestDeleted_Rejects()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.File.Delete(Bag + "/tagmanifest-md5.txt");

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("has no tag manifest"));
    }

    [Fact]
    public async Task RestoreAsync_TreeMetadataNotInTagManifest_Rejects()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        var lines = _fileSystem.File.ReadAllLines(Bag + "/tagmanifest-md5.txt").Where(l => !l.EndsWith("backup-tree.tsv"));
        _fileSystem.File.WriteAllText(Bag + "/tagmanifest-md5.txt", string.Concat(lines.Select(l => l + "\n")));

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("backup-tree.tsv is not listed in any tag manifest"));
    }

    [Fact]
    public async Task RestoreAsync_NotABag_ThrowsInvalidInput()
    {
        _fileSystem.AddFile("/backups/src-backup/data/a.txt", new MockFileData("alpha"));

        await Assert.ThrowsAsync<InvalidInputException>(() => RestoreAsync());
    }

    [Fact]
    public async Task RestoreAsync_NonEmptyTarget_ThrowsInvalidInput()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/mine.txt", new MockFileData("keep"));

        var exception = await Assert.ThrowsAsync<InvalidInputException>(() => RestoreAsync());

        Assert.Contains("--overwrite", exception.Message);
        Assert.False(_fileSystem.File.Exists(Target + "/a.txt"));
    }

    [Theory]
    [InlineData(Bag)]
    [InlineData(Bag + "/data")]
    [InlineData(Bag + "/data/sub")]
    public async Task RestoreAsync_TargetInsideSnapshot_ThrowsInvalidInput(string target)
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);

        var exception = await Assert.ThrowsAsync<InvalidInputException>(() =>
            CreateRestorer().RestoreAsync(new RestoreRequest(Bag, target, Overwrite: true)));

        Assert.Contains("inside the snapshot", exception.Message);
        Assert.False(_fileSystem.Directory.Exists(Bag + "/data/sub"));
        Assert.Equal(["a.txt"], _fileSystem.Directory.EnumerateFileSystemEntries(Bag + "/data").Select(Path.GetFileName));
    }

    [Fact]
    public async Task RestoreAsync_OverwriteNonEmptyTarget_ReplacesFilesAndKeepsOthers()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["src/b.txt"] = "beta" })
            .Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/a.txt", new MockFileData("old"));
        _fileSystem.AddFile(Target + "/src/mine.txt", new MockFileData("keep"));

        var result = await RestoreAsync(overwrite: true);

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal("alpha", _fileSystem.File.ReadAllText(Target + "/a.txt"));
        Assert.Equal("beta", _fileSystem.File.ReadAllText(Target + "/src/b.txt"));
        Assert.Equal("keep", _fileSystem.File.ReadAllText(Target + "/src/mine.txt"));
    }

    [Fact]
    public async Task RestoreAsync_OverwriteWhereTargetHasDirectory_ThrowsNamingPath()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b.txt"] = "beta" })
            .Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/a.txt/inside.txt", new MockFileData("keep"));

        var exception = await Assert.ThrowsAsync<InvalidInputException>(() => RestoreAsync(overwrite: true));

        Assert.Contains("'a.txt' is a directory in the target", exception.Message);
        Assert.Equal("keep", _fileSystem.File.ReadAllText(Target + "/a.txt/inside.txt"));
        Assert.False(_fileSystem.File.Exists(Target + "/b.txt"));
    }

    [Fact]
    public async Task RestoreAsync_DryRunWhereTargetHasDirectory_ListsConflict()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/a.txt/inside.txt", new MockFileData("keep"));

        var result = await RestoreAsync(overwrite: true, dryRun: true);

        Assert.Equal(RestoreStatus.Blocked, result.Status);
        Assert.Equal(["'a.txt' is a directory in the target but a regular file in the snapshot"], result.Conflicts);
        Assert.Contains("has directories where the snapshot has files", Assert.Single(result.Problems));
        Assert.Equal("keep", _fileSystem.File.ReadAllText(Target + "/a.txt/inside.txt"));
    }

    [Fact]
    public async Task RestoreAsync_DryRunIntoOccupied_IsBlocked()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/other.txt", new MockFileData("keep"));

        var result = await RestoreAsync(dryRun: true);

        Assert.Equal(RestoreStatus.Blocked, result.Status);
        Assert.Contains("is not empty", Assert.Single(result.Problems));
        Assert.Equal(["a.txt"], result.WouldCreate);
        Assert.False(_fileSystem.File.Exists(Target + "/a.txt"));
    }

    [Fact]
    public async Task RestoreAsync_DryRun_ListsCreatedAndOverwrittenAndChangesNothing()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b.txt"] = "beta" })
            .Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/a.txt", new MockFileData("old"));

        var result = await RestoreAsync(overwrite: true, dryRun: true);

        Assert.Equal(RestoreStatus.Planned, result.Status);
        Assert.Equal(["b.txt"], result.WouldCreate);
        Assert.Equal(["a.txt"], result.WouldOverwrite);
        Assert.Equal("old", _fileSystem.File.ReadAllText(Target + "/a.txt"));
        Assert.False(_fileSystem.File.Exists(Target + "/b.txt"));
    }

    [Fact]
    public async Task RestoreAsync_DryRunIntoMissingTarget_DoesNotCreateIt()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);

        var result = await RestoreAsync(dryRun: true);

        Assert.Equal(["a.txt"], result.WouldCreate);
        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("src/../../escape.txt")]
    [InlineData("/etc/escape.txt")]
    [InlineData("src//escape.txt")]
    public async Task RestoreAsync_MetadataPathOutsideTarget_RejectsBeforeWriting(string path)
    {
        new SnapshotBuilder()
            .File("a.txt", "alpha")
            .Entry(new TreeEntry(EntryKind.Directory, path, 0x1ed, SnapshotBuilder.DefaultTime, 0, 0, 0))
            .Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains(path) && p.Contains("outside the target"));
        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    [Fact]
    public async Task RestoreAsync_ManifestPathWithDotDot_Rejects()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.File.AppendAllText(Bag + "/manifest-md5.txt", "0123456789abcdef0123456789abcdef  data/../x\n");
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("data/../x") && p.Contains("not a path inside data/"));
    }

    [Fact]
    public async Task RestoreAsync_EntryBelowSymlink_RejectsBeforeWriting()
    {
        new SnapshotBuilder()
            .Symlink("link", "/etc")
            .Entry(new TreeEntry(EntryKind.Directory, "link/evil", 0x1ed, SnapshotBuilder.DefaultTime, 0, 0, 0))
            .Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("'link/evil' lies below the symlink 'link'"));
        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    [Fact]
    public async Task RestoreAsync_FileMissingFromManifest_Rejects()
    {
        new SnapshotBuilder()
            .File("a.txt", "alpha")
            .Entry(new TreeEntry(EntryKind.File, "ghost.txt", 0x1a4, SnapshotBuilder.DefaultTime, 3, 0, 0))
            .Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("'ghost.txt'") && p.Contains("missing from the payload manifest"));
    }

    [Fact]
    public async Task RestoreAsync_BagWithoutTreeMetadata_RestoresPayloadWithWarning()
    {
        var builder = SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["x/y.txt"] = "why" });
        builder.WithTreeMetadata = false;
        builder.Write(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal("why", _fileSystem.File.ReadAllText(Target + "/x/y.txt"));
        Assert.Equal(8, result.Bytes);
        Assert.Contains(result.Warnings, w => w.Contains("modes, times"));
    }

    [Fact]
    public async Task RestoreAsync_UnsortedManifest_RestoresEveryFile()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b/c.txt"] = "gamma", ["d.txt"] = "delta" })
            .Write(_fileSystem, Bag);
        var lines = _fileSystem.File.ReadAllLines(Bag + "/manifest-md5.txt").Reverse();
        _fileSystem.File.WriteAllText(Bag + "/manifest-md5.txt", string.Concat(lines.Select(l => l + "\n")));
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal("gamma", _fileSystem.File.ReadAllText(Target + "/b/c.txt"));
        Assert.Equal("delta", _fileSystem.File.ReadAllText(Target + "/d.txt"));
    }

    [Fact]
    public async Task RestoreAsync_TreeOutOfManifestOrder_RestoresEveryFile()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b.txt"] = "beta" })
            .Write(_fileSystem, Bag);
        var lines = _fileSystem.File.ReadAllLines(Bag + "/backup-tree.tsv");
        (lines[3], lines[4]) = (lines[4], lines[3]);
        _fileSystem.File.WriteAllText(Bag + "/backup-tree.tsv", string.Concat(lines.Select(l => l + "\n")));
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Files);
        Assert.Equal("beta", _fileSystem.File.ReadAllText(Target + "/b.txt"));
    }

    [Fact]
    public async Task RestoreAsync_PathMissingFromSecondManifest_Rejects()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b.txt"] = "beta" })
            .Write(_fileSystem, Bag);
        _fileSystem.File.WriteAllText(Bag + "/manifest-sha1.txt",
            "be76331b95dfc399cd776d2fc68021e0db03cc4f  data/a.txt\n");
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("data/b.txt is missing from manifest-sha1.txt"));
    }

    [Fact]
    public async Task RestoreAsync_ManifestEntryNotInTree_Rejects()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.File.AppendAllText(Bag + "/manifest-md5.txt", "0123456789abcdef0123456789abcdef  data/zz.txt\n");
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Rejected, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("data/zz.txt is in the payload manifest but not recorded"));
    }

    [Fact]
    public async Task RestoreAsync_IncompleteSnapshot_WarnsWithSkippedCount()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.File.AppendAllText(Bag + "/bag-info.txt",
            "Backup-Incomplete: true\nBackup-Skipped-Path: secret\nBackup-Skipped-Path: locked/x\n");
        SnapshotBuilder.Retag(_fileSystem, Bag);

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Contains(result.Warnings, w => w.Contains("marked incomplete: 2 paths were skipped"));
    }

    [Fact]
    public async Task RestoreAsync_Cancelled_LeavesNoTarget()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RestoreAsync(cancellation: cancellation.Token));

        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    [Fact]
    public async Task RestoreAsync_CancelledWhileWriting_RemovesCreatedTarget()
    {
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 50; i++)
        {
            builder.File($"f{i:D2}.txt", new string('x', 1000 + i));
        }

        builder.Write(_fileSystem, Bag);
        using var cancellation = new CancellationTokenSource();
        var logger = new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.Sink(new CancelOnFirstFile(cancellation)).CreateLogger();
        var restorer = new Restorer(_fileSystem, new EmulatedPosixFileSystem(_fileSystem), logger);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            restorer.RestoreAsync(new RestoreRequest(Bag, Target), cancellation.Token));

        Assert.False(_fileSystem.Directory.Exists(Target));
    }

    // Cancels the restore as soon as the first file has been written.
    private sealed class CancelOnFirstFile(CancellationTokenSource cancellation) : Serilog.Core.ILogEventSink
    {
        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            if (logEvent.MessageTemplate.Text.StartsWith("Restored {TargetPath}", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        }
    }

    [Fact]
    public async Task RestoreAsync_LeftoverStagingFolder_IsRemovedAndIgnored()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Bag);
        _fileSystem.AddFile(Target + "/.backup-restore-0123456789ab.partial/a.txt", new MockFileData("half"));

        var result = await RestoreAsync();

        Assert.Equal(RestoreStatus.Restored, result.Status);
        Assert.Equal(["a.txt"], _fileSystem.Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName));
    }
}
