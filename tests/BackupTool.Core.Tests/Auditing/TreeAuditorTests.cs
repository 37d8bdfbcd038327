using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Auditing;
using BackupTool.Core.Posix;
using BackupTool.Core.Tests.Support;
using Serilog;

namespace BackupTool.Core.Tests.Auditing;

public sealed class TreeAuditorTests
{
    private const string Bag = "/backups/src-backup";
    private const string Tree = "/work/tree";

    private readonly MockFileSystem _fileSystem = new();

    private Task<AuditReport> AuditAsync() =>
        new TreeAuditor(_fileSystem, new EmulatedPosixFileSystem(_fileSystem), new LoggerConfiguration().CreateLogger())
            .AuditAsync(new AuditRequest(Bag, Tree));

    private void WriteSnapshot(bool withTreeMetadata = true)
    {
        var builder = SnapshotBuilder.FromFiles(new Dictionary<string, string>
        {
            ["src/app.cs"] = "class App {}",
            ["src/util.cs"] = "class Util {}",
            ["README.md"] = "# readme",
        });
        builder.WithTreeMetadata = withTreeMetadata;
        builder.Write(_fileSystem, Bag);
    }

    private void AddTreeFile(string path, string text) => _fileSystem.AddFile(Tree + "/" + path, new MockFileData(text));

    [Fact]
    public async Task AuditAsync_MovesOnly_ReportsMovesWithoutDifferences()
    {
        WriteSnapshot();
        AddTreeFile("packages/app/src/app.cs", "class App {}");
        AddTreeFile("packages/app/src/util.cs", "class Util {}");
        AddTreeFile("README.md", "# readme");

        var report = await AuditAsync();

        Assert.Equal(["README.md"], report.Unchanged);
        Assert.Equal(
            [new MovedFile("src/app.cs", "packages/app/src/app.cs"), new MovedFile("src/util.cs", "packages/app/src/util.cs")],
            report.Moved);
        Assert.False(report.HasDifferences(strict: false));
        Assert.True(report.HasDifferences(strict: true));
    }

    [Fact]
    public async Task AuditAsync_EditsAndDeletions_ReportsModifiedMissingAndNew()
    {
        WriteSnapshot();
        AddTreeFile("src/app.cs", "class App { int x; }");
        AddTreeFile("README.md", "# readme");
        AddTreeFile("NOTES.md", "notes");

        var report = await AuditAsync();

        Assert.Equal([new ChangedFile("src/app.cs")], report.Modified);
        Assert.Equal([new ChangedFile("src/util.cs")], report.Missing);
        Assert.Equal(["NOTES.md"], report.New);
        Assert.True(report.HasDifferences(strict: false));
    }

    [Fact]
    public async Task AuditAsync_DuplicateContents_MatchOneToOne()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string>
        {
            ["a/__init__.py"] = "",
            ["b/__init__.py"] = "",
            ["c/__init__.py"] = "",
        }).Write(_fileSystem, Bag);
        AddTreeFile("a/__init__.py", "");
        AddTreeFile("pkg/b/__init__.py", "");

        var report = await AuditAsync();

        Assert.Equal(["a/__init__.py"], report.Unchanged);
        Assert.Equal([new MovedFile("b/__init__.py", "pkg/b/__init__.py")], report.Moved);
        Assert.Equal([new ChangedFile("c/__init__.py", "a/__init__.py")], report.Missing);
    }

    [Fact]
    public async Task AuditAsync_FilesOfOtherSizes_AreNotHashed()
    {
        WriteSnapshot();
        AddTreeFile("README.md", "# readme");
        AddTreeFile("big.bin", new string('x', 5000));

        var report = await AuditAsync();

        Assert.Equal(1, report.HashedFiles);
        Assert.Equal(["big.bin"], report.New);
    }

    [Fact]
    public async Task AuditAsync_BagWithoutTreeMetadata_UsesPayloadSizes()
    {
        WriteSnapshot(withTreeMetadata: false);
        AddTreeFile("moved/README.md", "# readme");
        AddTreeFile("other.txt", "0123456789");

        var report = await AuditAsync();

        Assert.Equal([new MovedFile("README.md", "moved/README.md")], report.Moved);
        Assert.Equal(1, report.HashedFiles);
    }

    [Fact]
    public async Task AuditAsync_SnapshotInsideTree_IsLeftOut()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" }).Write(_fileSystem, Tree + "/backups/s");
        AddTreeFile("a.txt", "alpha");

        var report = await new TreeAuditor(_fileSystem, new EmulatedPosixFileSystem(_fileSystem),
            new LoggerConfiguration().CreateLogger()).AuditAsync(new AuditRequest(Tree + "/backups/s", Tree));

        Assert.Equal(["a.txt"], report.Unchanged);
        Assert.Empty(report.New);
    }

    [Fact]
    public async Task AuditAsync_DamagedTagFile_ReportsProblemWithoutAuditing()
    {
        WriteSnapshot();
        _fileSystem.File.AppendAllText(Bag + "/manifest-md5.txt", "\n");
        AddTreeFile("README.md", "# readme");

        var report = await AuditAsync();

        Assert.Contains(report.Problems, p => p.StartsWith("manifest-md5.txt: md5 is") && p.Contains("tagmanifest-md5.txt"));
        Assert.Empty(report.Unchanged);
        Assert.True(report.HasDifferences(strict: false));
    }

    [Fact]
    public async Task AuditAsync_UnsortedManifest_MatchesLikeSorted()
    {
        WriteSnapshot();
        var manifest = Bag + "/manifest-md5.txt";
        var lines = _fileSystem.File.ReadAllLines(manifest).Reverse();
        _fileSystem.File.WriteAllText(manifest, string.Join("\n", lines) + "\n");
        SnapshotBuilder.Retag(_fileSystem, Bag);
        AddTreeFile("src/app.cs", "class App {}");
        AddTreeFile("lib/util.cs", "class Util {}");
        AddTreeFile("README.md", "changed");

        var report = await AuditAsync();

        Assert.Empty(report.Problems);
        Assert.Equal(["src/app.cs"], report.Unchanged);
        Assert.Equal([new MovedFile("src/util.cs", "lib/util.cs")], report.Moved);
        Assert.Equal([new ChangedFile("README.md")], report.Modified);
        Assert.Empty(report.New);
    }

    [Fact]
    public async Task AuditAsync_MissingTree_ThrowsInvalidInput()
    {
        WriteSnapshot();

        await Assert.ThrowsAsync<InvalidInputException>(AuditAsync);
    }
}
