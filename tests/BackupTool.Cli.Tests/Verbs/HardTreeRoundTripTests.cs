using System.Net.Sockets;
using System.Security.Cryptography;
using BackupTool.Cli.Tests.Support;
using BackupTool.Core.Posix;

namespace BackupTool.Cli.Tests.Verbs;

/// <summary>
/// One tree of hard inputs taken through create, verify, restore and the audit as processes: the
/// restored tree must match the source in names, bytes, types, modes, times, links and holes.
/// </summary>
public sealed class HardTreeRoundTripTests : IDisposable
{
    private static readonly string[] Names =
    [
        " leading space", "trailing space ", "tab\there", "*star", "-dash", "a\\nb", "a\nb", "cr\rinside",
        "%0A", "%25", "100%", "back\\slash", "caf\u00e9", "cafe\u0301", "Case", "case",
        "33fe21c6bdf6786411e4f18272956536  other", "other", "a" + new string('\u00e9', 127),
    ];

    private readonly TempDirectory _temp = new();
    private readonly PosixFileSystem _posix = new();

    public void Dispose() => _temp.Dispose();

    private string Source => _temp.Combine("src");

    [SkippableFact]
    public void RoundTrip_HardTree_VerifiesRestoresExactlyAndAuditsClean()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux trees are tested on Linux");
        using var socket = BuildHardTree();

        var create = Backup("create", "src", "--dest", "backups", "--name", "snap", "--no-fsync");
        var verify = Backup("verify", "backups/snap");
        var restore = Backup("restore", "backups/snap", "--to", "restored");
        var audit = Backup("verify", "backups/snap", "--against", "src");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"{Names.Length + 8} of {Names.Length + 8} files verified", verify.Output);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("0 modified, 0 missing, 0 new", audit.Output);
        AssertSameTree(Source, _temp.Combine("restored"));
    }

    [SkippableFact]
    public void RoundTrip_ThousandsOfLevels_VerifiesRestoresAndAudits()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "deep trees are tested on Linux");
        var deepest = Path.Combine([Source, .. Enumerable.Repeat("d", 1500)]);
        Directory.CreateDirectory(deepest);
        File.WriteAllText(Path.Combine(deepest, "leaf"), "bottom");

        var create = Backup("create", "src", "--dest", "backups", "--name", "snap", "--no-fsync");
        var verify = Backup("verify", "backups/snap");
        var restore = Backup("restore", "backups/snap", "--to", "restored");
        var audit = Backup("verify", "backups/snap", "--against", "src");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("1 unchanged", audit.Output);
        var restored = Path.Combine([_temp.Combine("restored"), .. Enumerable.Repeat("d", 1500), "leaf"]);
        Assert.Equal("bottom", File.ReadAllText(restored));
    }

    [SkippableFact]
    public void Audit_TreeWithNameNotUtf8_ReportsItEscaped()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        Directory.CreateDirectory(Source);
        File.WriteAllText(Path.Combine(Source, "a.txt"), "a");
        Backup("create", "src", "--dest", "backups", "--name", "snap", "--no-fsync");
        var script = "cd \"$1\" && printf x > \"$(printf 'added\\377')\"";
        using var shell = System.Diagnostics.Process.Start("bash", ["-c", script, "bash", Source]);
        shell.WaitForExit();

        var audit = Backup("verify", "backups/snap", "--against", "src");

        Assert.Equal(1, audit.ExitCode);
        Assert.Contains("added\\xff: the name is not valid UTF-8", audit.Output + audit.Error);
        Assert.DoesNotContain("\ufffd", audit.Output + audit.Error);
    }

    [Fact]
    public void RoundTrip_EmptySource_VerifiesAsZeroFiles()
    {
        // Verify used to reject the empty manifest of an empty source as damage.
        Directory.CreateDirectory(Source);

        var create = Backup("create", "src", "--dest", "backups", "--name", "snap");
        var verify = Backup("verify", "backups/snap");
        var restore = Backup("restore", "backups/snap", "--to", "restored");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Equal("", File.ReadAllText(_temp.Combine("backups", "snap", "manifest-md5.txt")));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("0 of 0 files verified, 0 B: OK", verify.Output);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("restored")));
    }

    [Fact]
    public void Verify_EmptySnapshotWithoutManifest_Fails()
    {
        Directory.CreateDirectory(Source);
        Backup("create", "src", "--dest", "backups", "--name", "snap");
        File.Delete(_temp.Combine("backups", "snap", "manifest-md5.txt"));

        var verify = Backup("verify", "backups/snap");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("manifest missing", verify.Output + verify.Error);
        Assert.DoesNotContain(": OK", verify.Output);
    }

    private Socket BuildHardTree()
    {
        Directory.CreateDirectory(Source);
        foreach (var name in Names)
        {
            File.WriteAllText(Path.Combine(Source, name), name == "other" ? "other content\n" : name);
        }

        var hidden = Path.Combine(Source, ".hidden", "nested", ".private");
        Directory.CreateDirectory(hidden);
        File.SetUnixFileMode(hidden, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(Path.Combine(Source, "empty"), []);
        var deep = Path.Combine([Source, .. Enumerable.Repeat("level", 200)]);
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "leaf"), "deep");

        File.CreateSymbolicLink(Path.Combine(Source, "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(Source, "folder-link"), ".hidden");
        File.CreateSymbolicLink(Path.Combine(Source, "dangling"), "no/such/file");
        File.CreateSymbolicLink(Path.Combine(Source, "absolute"), "/etc/hostname");
        File.CreateSymbolicLink(Path.Combine(Source, "outside"), "../../outside");

        File.WriteAllText(Path.Combine(Source, "linked-1"), "one inode");
        _posix.CreateHardLink(Path.Combine(Source, "linked-1"), Path.Combine(Source, "linked-2"));
        File.WriteAllText(Path.Combine(Source, "separate"), "one inode");
        using (var sparse = File.Create(Path.Combine(Source, "sparse.img")))
        {
            sparse.Seek(256L << 20, SeekOrigin.Begin);
            sparse.Write(RandomNumberGenerator.GetBytes(4096));
        }

        File.WriteAllText(Path.Combine(Source, "before-1970"), "old");
        _posix.SetModifiedTime(Path.Combine(Source, "before-1970"), new UnixTime(-2_000_000_000, 123_456_789));
        File.WriteAllText(Path.Combine(Source, "after-2038"), "new");
        _posix.SetModifiedTime(Path.Combine(Source, "after-2038"), new UnixTime(4_102_444_800, 999_999_999));
        Directory.CreateDirectory(_temp.Combine("restored"));

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(Source, "app.sock")));
        return socket;
    }

    private void AssertSameTree(string expectedRoot, string actualRoot)
    {
        var expected = Entries(expectedRoot);
        var actual = Entries(actualRoot);
        Assert.Equal(expected.Keys.Where(p => p != "app.sock").Order(StringComparer.Ordinal),
            actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, status) in expected.Where(e => e.Key != "app.sock"))
        {
            var copy = actual[path];
            Assert.True(status.Kind == copy.Kind, $"{path}: {status.Kind} became {copy.Kind}");
            Assert.True(status.Mode == copy.Mode, $"{path}: mode {status.Mode:x} became {copy.Mode:x}");
            Assert.True(status.ModifiedTime == copy.ModifiedTime, $"{path}: {status.ModifiedTime} became {copy.ModifiedTime}");
            Assert.True(status.Size == copy.Size, $"{path}: size {status.Size} became {copy.Size}");
            Assert.True(status.LinkCount == copy.LinkCount, $"{path}: {status.LinkCount} links became {copy.LinkCount}");
            if (status.Kind == EntryKind.Symlink)
            {
                Assert.Equal(_posix.ReadLinkTarget(Path.Join(expectedRoot, path)), _posix.ReadLinkTarget(Path.Join(actualRoot, path)));
            }
            else if (status.Kind == EntryKind.File)
            {
                Assert.True(Md5(Path.Join(expectedRoot, path)) == Md5(Path.Join(actualRoot, path)), $"{path}: content differs");
            }
        }

        Assert.True(actual["sparse.img"].AllocatedBytes < 1 << 20, "the restored sparse file lost its hole");
        Assert.Equal(actual["linked-1"].Inode, actual["linked-2"].Inode);
        Assert.NotEqual(actual["linked-1"].Inode, actual["separate"].Inode);
    }

    private Dictionary<string, EntryStatus> Entries(string root)
    {
        var entries = new Dictionary<string, EntryStatus>(StringComparer.Ordinal);
        var pending = new Stack<string>([""]);
        while (pending.TryPop(out var relative))
        {
            var folder = relative.Length == 0 ? root : Path.Join(root, relative);
            foreach (var name in _posix.ListDirectory(folder))
            {
                var path = relative.Length == 0 ? name.Text : relative + "/" + name.Text;
                var status = _posix.GetStatus(Path.Join(root, path));
                entries[path] = status;
                if (status.Kind == EntryKind.Directory)
                {
                    pending.Push(path);
                }
            }
        }

        return entries;
    }

    private static string Md5(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    private BackupRun Backup(params string[] arguments) => BackupProcess.Run(_temp.Path, arguments);
}
