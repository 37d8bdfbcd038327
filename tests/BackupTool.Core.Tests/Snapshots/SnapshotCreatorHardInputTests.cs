using System.IO.Abstractions;
using System.Net.Sockets;
using System.Security.Cryptography;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;
using BackupTool.Core.Verification;

namespace BackupTool.Core.Tests.Snapshots;

/// <summary>Trees that break backup tools: depth, special files, emptiness, entries that change or vanish.</summary>
public sealed class SnapshotCreatorHardInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();
    private readonly PosixFileSystem _posix = new();

    public SnapshotCreatorHardInputTests()
    {
        Directory.CreateDirectory(Source);
    }

    private string Source => _temp.Combine("src");

    private string Snapshot => _temp.Combine("dest", "snap");

    public void Dispose()
    {
        // .NET cannot delete paths longer than PATH_MAX; rm works through them one folder at a time.
        if (OperatingSystem.IsLinux())
        {
            Shell.Run("rm", "-rf", Source);
        }

        _temp.Dispose();
    }

    [SkippableFact]
    public async Task CreateAsync_ThousandsOfLevels_CopiedWithoutStackOverflow()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "deep trees are tested on Linux");
        const int Depth = 1500;
        var deepest = Path.Combine([Source, .. Enumerable.Repeat("d", Depth)]);
        Directory.CreateDirectory(deepest);
        File.WriteAllText(Path.Combine(deepest, "leaf"), "bottom");

        var result = await CreateAsync();

        Assert.Equal(Depth, result.Directories);
        var relative = string.Join('/', Enumerable.Repeat("d", Depth)) + "/leaf";
        Assert.Equal("bottom", File.ReadAllText(Path.Combine(Snapshot, "data", relative)));
    }

    [SkippableFact]
    public async Task CreateAsync_PathBeyondPathMax_ThrowsNamingTheFirstTooLongEntry()
    {
        // The copy used to fail on the first folder it could not create, with .NET's message only.
        Skip.IfNot(OperatingSystem.IsLinux(), "PATH_MAX is tested on Linux");
        // Two chains of 1,500 folders, each short enough to create, joined by a rename into one of 3,000.
        var upper = Path.Combine([Source, .. Enumerable.Repeat("d", 1500)]);
        var lower = Path.Combine([_temp.Combine("lower"), .. Enumerable.Repeat("d", 1500)]);
        Directory.CreateDirectory(upper);
        Directory.CreateDirectory(lower);
        File.WriteAllText(Path.Combine(lower, "leaf"), "too deep");
        Directory.Move(_temp.Combine("lower", "d"), Path.Combine(upper, "d"));

        var error = await Assert.ThrowsAsync<UnreadableSourceException>(() => CreateAsync());

        var problem = Assert.Single(error.Problems);
        Assert.Contains("PATH_MAX", problem.Message);
        Assert.StartsWith("d/d/d/", problem.Path);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("dest")));
    }

    [SkippableFact]
    public async Task CreateAsync_LeftoverPartialOfKilledRun_IsReplaced()
    {
        // A partial folder left by a killed run used to block every later run with the same name.
        Skip.IfNot(OperatingSystem.IsLinux(), "folder locks are tested on Linux");
        File.WriteAllText(Path.Combine(Source, "a.txt"), "a");
        Directory.CreateDirectory(_temp.Combine("dest", ".snap.partial", "data"));
        File.WriteAllText(_temp.Combine("dest", ".snap.partial", "data", "half-copied.txt"), "half");

        var result = await CreateAsync();

        Assert.Equal(1, result.Files);
        Assert.False(File.Exists(Path.Combine(Snapshot, "data", "half-copied.txt")));
        Assert.Equal(["snap"], Directory.GetFileSystemEntries(_temp.Combine("dest")).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task CreateAsync_PartialLockedByLiveRun_ThrowsAndLeavesIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "folder locks are tested on Linux");
        File.WriteAllText(Path.Combine(Source, "a.txt"), "a");
        var partial = _temp.Combine("dest", ".snap.partial");
        Directory.CreateDirectory(partial);
        using var liveRun = _posix.TryLock(partial);
        Assert.NotNull(liveRun);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CreateAsync());

        Assert.Contains("locked by another run", error.Message);
        Assert.True(Directory.Exists(partial));
        Assert.False(Directory.Exists(Snapshot));
    }

    [SkippableFact]
    public async Task CreateAsync_SocketAndDevice_RecordedWithWarningNamingThem()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sockets and devices are tested on Linux");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(Source, "app.sock")));
        var device = PosixFileSystem.IsRoot && TryRun("mknod", Path.Combine(Source, "null"), "c", "1", "3");

        var result = await CreateAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(result.Warnings, w => w.Path == "app.sock" && w.Message.Contains("socket"));
        var tree = ReadTree();
        Assert.Equal(EntryKind.Socket, tree.Single(e => e.Path == "app.sock").Kind);
        Assert.False(Path.Exists(Path.Combine(Snapshot, "data", "app.sock")));
        if (device)
        {
            Assert.Contains(result.Warnings, w => w.Path == "null" && w.Message.Contains("character device"));
            Assert.Equal(EntryKind.CharacterDevice, tree.Single(e => e.Path == "null").Kind);
        }
    }

    [SkippableFact]
    public async Task CreateAsync_EmptyFilesAndHiddenPrivateFolders_KeptWithModes()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "modes are tested on Linux");
        var hidden = Path.Combine(Source, ".hidden", "nested", ".deeper");
        Directory.CreateDirectory(hidden);
        File.SetUnixFileMode(hidden, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(Path.Combine(Source, "empty.txt"), []);
        File.WriteAllBytes(Path.Combine(Source, ".hidden", ".empty"), []);

        var result = await CreateAsync();

        Assert.Equal(2, result.Files);
        Assert.Equal(0, result.Bytes);
        var copy = Path.Combine(Snapshot, "data", ".hidden", "nested", ".deeper");
        Assert.True(Directory.Exists(copy));
        Assert.Equal(Convert.ToString(0x1c0, 8), Convert.ToString(_posix.GetStatus(copy).Mode, 8));
        Assert.Equal(0, new FileInfo(Path.Combine(Snapshot, "data", ".hidden", ".empty")).Length);
        Assert.Equal(
            ["d41d8cd98f00b204e9800998ecf8427e  data/.hidden/.empty", "d41d8cd98f00b204e9800998ecf8427e  data/empty.txt"],
            File.ReadAllLines(Path.Combine(Snapshot, "manifest-md5.txt")));
        Assert.Contains(ReadTree(), e => e.Path == ".hidden/nested/.deeper" && e.Kind == EntryKind.Directory);
    }

    [SkippableFact]
    public async Task CreateAsync_EntriesDeletedDuringWalk_WarnsNamingThem()
    {
        // A file or folder deleted between the listing and its status read used to vanish silently.
        Skip.IfNot(OperatingSystem.IsLinux(), "deletion during a walk is tested on the real disk");
        File.WriteAllText(Path.Combine(Source, "kept.txt"), "kept");
        File.WriteAllText(Path.Combine(Source, "gone.txt"), "gone");
        Directory.CreateDirectory(Path.Combine(Source, "gone-folder", "inner"));
        var posix = HookedPosixFileSystem.Deleting(_posix, Source, onStatus: false,
            Path.Combine(Source, "gone.txt"), Path.Combine(Source, "gone-folder"));

        var result = await CreateAsync(posix: posix);

        Assert.Contains(result.Warnings, w => w.Path == "gone.txt" && w.Message.Contains("vanished"));
        Assert.Contains(result.Warnings, w => w.Path == "gone-folder" && w.Message.Contains("vanished"));
        Assert.Equal(1, result.Files);
        Assert.Equal([$"{Md5("kept"u8)}  data/kept.txt"], File.ReadAllLines(Path.Combine(Snapshot, "manifest-md5.txt")));
        Assert.DoesNotContain(ReadTree(), e => e.Path.StartsWith("gone", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task CreateAsync_FolderDeletedBeforeListing_WarnsNamingIt()
    {
        // A folder deleted after its status was read used to count as unreadable and fail the run.
        Skip.IfNot(OperatingSystem.IsLinux(), "deletion during a walk is tested on the real disk");
        Directory.CreateDirectory(Path.Combine(Source, "short-lived", "inner"));
        var folder = Path.Combine(Source, "short-lived");
        var posix = HookedPosixFileSystem.Deleting(_posix, folder, onStatus: true, folder);

        var result = await CreateAsync(posix: posix);

        Assert.Contains(result.Warnings, w => w.Path == "short-lived" && w.Message.Contains("vanished"));
        Assert.Empty(result.Skipped);
        Assert.False(Directory.Exists(Path.Combine(Snapshot, "data", "short-lived")));
    }

    [SkippableFact]
    public async Task CreateAsync_FileDeletedBeforeCopy_WarnsNamingIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "deletion during a run is tested on the real disk");
        File.WriteAllText(Path.Combine(Source, "kept.txt"), "kept");
        File.WriteAllText(Path.Combine(Source, "short-lived.txt"), "gone");
        var doomed = Path.Combine(Source, "short-lived.txt");
        var posix = HookedPosixFileSystem.Deleting(_posix, doomed, onStatus: true, doomed);

        var result = await CreateAsync(posix: posix);

        Assert.Contains(result.Warnings, w => w.Path == "short-lived.txt" && w.Message.Contains("vanished"));
        Assert.Equal(1, result.Files);
        Assert.Equal([$"{Md5("kept"u8)}  data/kept.txt"], File.ReadAllLines(Path.Combine(Snapshot, "manifest-md5.txt")));
        Assert.False(File.Exists(Path.Combine(Snapshot, "data", "short-lived.txt")));
        Assert.Equal(VerificationVerdict.Valid, (await VerifyAsync()).Verdict);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateAsync_FileChangedWhileRead_WarnsAndStaysSelfConsistent(bool grows)
    {
        // The hook runs after the walk reads the file's status and before the copy ends. A writer
        // changes a file in that window, and a background writer would only hit it by chance.
        Skip.IfNot(OperatingSystem.IsLinux(), "concurrent writes are tested on the real disk");
        var path = Path.Combine(Source, "busy.log");
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(4 << 20));
        var posix = new HookedPosixFileSystem(_posix, path, () => Change(path, grows), onStatus: true);

        var result = await CreateAsync(posix: posix);

        Assert.Contains(result.Warnings, w => w.Path == "busy.log" && w.Message.Contains("changed while it was read"));
        var stored = await File.ReadAllBytesAsync(Path.Combine(Snapshot, "data", "busy.log"));
        Assert.Equal(await File.ReadAllBytesAsync(path), stored);
        Assert.Equal([$"{Md5(stored)}  data/busy.log"], File.ReadAllLines(Path.Combine(Snapshot, "manifest-md5.txt")));
        Assert.Equal(stored.Length, ReadTree().Single(e => e.Path == "busy.log").Size);
        Assert.Contains($"Payload-Oxum: {stored.Length}.1", File.ReadAllLines(Path.Combine(Snapshot, "bag-info.txt")));
        Assert.Equal(VerificationVerdict.Valid, (await VerifyAsync()).Verdict);
    }

    private static void Change(string path, bool grows)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Seek(grows ? 0 : 1 << 20, grows ? SeekOrigin.End : SeekOrigin.Begin);
        stream.Write(RandomNumberGenerator.GetBytes(grows ? 1 << 20 : 4096));
        stream.Flush();
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
    }

    private Task<VerificationReport> VerifyAsync() =>
        new BagVerifier(_fileSystem, MockTrees.Logger, _posix).VerifyAsync(Snapshot);

    private List<TreeEntry> ReadTree() =>
        new TreeMetadataReader(_fileSystem).Read(Path.Combine(Snapshot, TreeMetadataFormat.FileName)).ToList();

    private static string Md5(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static bool TryRun(string command, params string[] arguments)
    {
        try
        {
            Shell.Run(command, arguments);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private Task<SnapshotResult> CreateAsync(IPosixFileSystem? posix = null) =>
        new SnapshotCreator(_fileSystem, posix ?? _posix, MockTrees.Logger)
            .CreateAsync(new SnapshotOptions(Source, _temp.Combine("dest"), "snap"));
}
