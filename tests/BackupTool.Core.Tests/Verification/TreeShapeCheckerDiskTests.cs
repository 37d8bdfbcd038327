using System.IO.Abstractions;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;
using BackupTool.Core.Verification;

namespace BackupTool.Core.Tests.Verification;

/// <summary>Verify on snapshots whose symlinks and folders were changed; manifests cannot see these.</summary>
public sealed class TreeShapeCheckerDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task VerifyAsync_IntactSnapshotWithLinksAndEmptyFolders_IsValid()
    {
        var snapshot = await CreateSnapshotAsync();

        var report = await VerifyAsync(snapshot);

        Assert.Empty(report.Problems);
    }

    [SkippableTheory]
    [InlineData("plant", "data/evil", ProblemKind.Unexpected)]
    [InlineData("retarget", "data/sub/link", ProblemKind.Modified)]
    [InlineData("delete-link", "data/sub/link", ProblemKind.Missing)]
    [InlineData("delete-folder", "data/empty/nested", ProblemKind.Missing)]
    [InlineData("add-folder", "data/extra", ProblemKind.Unexpected)]
    [InlineData("link-to-file", "data/sub/link", ProblemKind.Modified)]
    public async Task VerifyAsync_ChangedLinkOrFolder_ReportedByPath(string damage, string path, ProblemKind kind)
    {
        // Each of these used to verify as OK, because manifests list regular files only.
        var snapshot = await CreateSnapshotAsync();
        var data = Path.Combine(snapshot, "data");
        switch (damage)
        {
            case "plant":
                File.CreateSymbolicLink(Path.Combine(data, "evil"), "/etc/shadow");
                break;
            case "retarget":
                File.Delete(Path.Combine(data, "sub", "link"));
                File.CreateSymbolicLink(Path.Combine(data, "sub", "link"), "/etc/passwd");
                break;
            case "delete-link":
                File.Delete(Path.Combine(data, "sub", "link"));
                break;
            case "delete-folder":
                Directory.Delete(Path.Combine(data, "empty", "nested"));
                break;
            case "add-folder":
                Directory.CreateDirectory(Path.Combine(data, "extra"));
                break;
            case "link-to-file":
                File.Delete(Path.Combine(data, "sub", "link"));
                File.WriteAllText(Path.Combine(data, "sub", "link"), "");
                break;
        }

        var report = await VerifyAsync(snapshot);

        Assert.Contains(report.Problems, p => p.Kind == kind && p.Path == path);
    }

    [SkippableFact]
    public async Task VerifyAsync_PlantedSymlink_MessageNamesTarget()
    {
        var snapshot = await CreateSnapshotAsync();
        File.CreateSymbolicLink(Path.Combine(snapshot, "data", "sub", "planted"), "../../outside");

        var report = await VerifyAsync(snapshot);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("data/sub/planted", problem.Path);
        Assert.Equal(ProblemKind.Unexpected, problem.Kind);
        Assert.Equal("a symlink in data/ that backup-tree.tsv does not record (pointing to '../../outside')", problem.Message);
    }

    [SkippableFact]
    public async Task VerifyAsync_UnlistableFolder_ReportedByBothChecks()
    {
        var snapshot = await CreateSnapshotAsync();
        Skip.If(PosixFileSystem.IsRoot, "root lists folders without read permission");
        var locked = Path.Combine(snapshot, "data", "sub");
        File.SetUnixFileMode(locked, UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var report = await VerifyAsync(snapshot);

            Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unreadable && p.Path == "data/sub/");
            Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unreadable && p.Path == "data/sub"
                && p.Message.StartsWith("the folder could not be listed: ", StringComparison.Ordinal));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async Task<string> CreateSnapshotAsync()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlinks are tested on Linux");
        var source = _temp.Combine("src");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        Directory.CreateDirectory(Path.Combine(source, "empty", "nested"));
        File.WriteAllText(Path.Combine(source, "sub", "file.txt"), "content");
        File.CreateSymbolicLink(Path.Combine(source, "sub", "link"), "file.txt");
        var creator = new SnapshotCreator(_fileSystem, new PosixFileSystem(), MockTrees.Logger);
        var result = await creator.CreateAsync(new SnapshotOptions(source, _temp.Combine("dest"), "snap", Durable: false));
        return result.SnapshotPath;
    }

    private Task<VerificationReport> VerifyAsync(string snapshot) =>
        new BagVerifier(_fileSystem, MockTrees.Logger).VerifyAsync(snapshot, new VerificationOptions());
}
