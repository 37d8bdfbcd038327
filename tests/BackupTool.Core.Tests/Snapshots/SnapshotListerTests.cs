using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;
using Serilog;

namespace BackupTool.Core.Tests.Snapshots;

public sealed class SnapshotListerTests
{
    private const string Backups = "/backups";

    private readonly MockFileSystem _fileSystem = new();

    private List<SnapshotListing> List() =>
        new SnapshotLister(_fileSystem, new LoggerConfiguration().CreateLogger()).List(Backups);

    private void WriteSnapshot(string name) =>
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha", ["b.txt"] = "beta" })
            .Write(_fileSystem, Backups + "/" + name);

    [Fact]
    public void List_CompleteSnapshot_ReadsBagInfo()
    {
        WriteSnapshot("src-backup-20260130-181500");

        var listing = Assert.Single(List());

        Assert.Equal("src-backup-20260130-181500", listing.Name);
        Assert.Equal(SnapshotState.Complete, listing.State);
        Assert.Equal(2, listing.Files);
        Assert.Equal(9, listing.Bytes);
        Assert.Equal("/home/dev/project", listing.SourcePath);
        Assert.Equal([ChecksumAlgorithm.Md5], listing.Algorithms);
    }

    [Fact]
    public void List_PartialFolder_IsPartialUnderItsFinalName()
    {
        _fileSystem.AddFile(Backups + "/.src-backup-20260130-181500.partial/data/a.txt", new MockFileData("a"));

        var listing = Assert.Single(List());

        Assert.Equal("src-backup-20260130-181500", listing.Name);
        Assert.Equal(SnapshotState.Partial, listing.State);
        Assert.Null(listing.Files);
    }

    [Fact]
    public void List_TagFileEdited_IsDamagedWithReason()
    {
        WriteSnapshot("s1");
        _fileSystem.File.AppendAllText(Backups + "/s1/bag-info.txt", "Note: edited\n");

        var listing = Assert.Single(List());

        Assert.Equal(SnapshotState.Damaged, listing.State);
        Assert.Contains(listing.Problems, p => p.StartsWith("bag-info.txt: md5 is") && p.Contains("tagmanifest-md5.txt"));
    }

    [Fact]
    public void List_IncompleteMarker_IsIncomplete()
    {
        WriteSnapshot("s1");
        _fileSystem.File.AppendAllText(Backups + "/s1/bag-info.txt", "Backup-Incomplete: true\n");
        SnapshotBuilder.Retag(_fileSystem, Backups + "/s1");

        Assert.Equal(SnapshotState.Incomplete, Assert.Single(List()).State);
    }

    [Fact]
    public void List_BaggingDateWithTime_IsCreationTime()
    {
        WriteSnapshot("s1");
        var info = _fileSystem.File.ReadAllText(Backups + "/s1/bag-info.txt")
            .Replace("Bagging-Date: 2026-01-30", "Bagging-Date: 2026-01-30T18:15:00+00:00");
        _fileSystem.File.WriteAllText(Backups + "/s1/bag-info.txt", info);
        SnapshotBuilder.Retag(_fileSystem, Backups + "/s1");

        Assert.Equal(new DateTimeOffset(2026, 1, 30, 18, 15, 0, TimeSpan.Zero), Assert.Single(List()).Created);
    }

    [Fact]
    public void List_BackupStarted_WinsOverBaggingDate()
    {
        WriteSnapshot("s1");
        _fileSystem.File.AppendAllText(Backups + "/s1/bag-info.txt", "Backup-Started: 2026-01-30T18:15:07.5+01:00\n");
        SnapshotBuilder.Retag(_fileSystem, Backups + "/s1");

        var created = Assert.Single(List()).Created;

        Assert.Equal(new DateTimeOffset(2026, 1, 30, 17, 15, 7, 500, TimeSpan.Zero), created.ToUniversalTime());
    }

    [Fact]
    public void List_SourcePathWithEncodedNewline_IsDecoded()
    {
        WriteSnapshot("s1");
        var info = _fileSystem.File.ReadAllText(Backups + "/s1/bag-info.txt")
            .Replace("Source-Path: /home/dev/project", "Source-Path: /home/dev/a%0Ab");
        _fileSystem.File.WriteAllText(Backups + "/s1/bag-info.txt", info);
        SnapshotBuilder.Retag(_fileSystem, Backups + "/s1");

        Assert.Equal("/home/dev/a\nb", Assert.Single(List()).SourcePath);
    }

    [Fact]
    public void List_OtherFoldersAndFiles_AreLeftOutAndOrderIsByName()
    {
        WriteSnapshot("b-snapshot");
        WriteSnapshot("a-snapshot");
        _fileSystem.AddFile(Backups + "/notes/readme.txt", new MockFileData("x"));
        _fileSystem.AddFile(Backups + "/loose.txt", new MockFileData("x"));

        Assert.Equal(["a-snapshot", "b-snapshot"], List().Select(l => l.Name));
    }

    [Fact]
    public void List_MissingFolder_ThrowsInvalidInput()
    {
        var exception = Assert.Throws<InvalidInputException>(List);

        Assert.Contains("/backups", exception.Message);
    }
}
