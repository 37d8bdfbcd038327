using System.Diagnostics;
using System.IO.Abstractions;
using BackupTool.Core.Auditing;
using BackupTool.Core.Posix;
using BackupTool.Core.Tests.Support;
using Serilog;

namespace BackupTool.Core.Tests.Auditing;

/// <summary>Audits real trees with what a mock cannot hold: named pipes and symlinks.</summary>
public sealed class TreeAuditorDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => _temp.Dispose();

    private string Tree => _temp.Combine("tree");

    private Task<AuditReport> AuditAsync() =>
        new TreeAuditor(_fileSystem, new PosixFileSystem(), new LoggerConfiguration().CreateLogger())
            .AuditAsync(new AuditRequest(_temp.Combine("snapshot"), Tree));

    [SkippableFact]
    public async Task AuditAsync_NamedPipeOfMatchingSize_IsNeverOpened()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "named pipes need Linux");
        new SnapshotBuilder().File("empty.txt", "").Write(_fileSystem, _temp.Combine("snapshot"));
        Directory.CreateDirectory(Tree);
        Process.Start("mkfifo", [Path.Combine(Tree, "pipe")])!.WaitForExit();
        File.WriteAllText(Path.Combine(Tree, "empty.txt"), "");

        var audit = AuditAsync();
        var finished = await Task.WhenAny(audit, Task.Delay(TimeSpan.FromSeconds(30))) == audit;

        Assert.True(finished, "the audit blocked on the named pipe");
        Assert.Equal(["empty.txt"], audit.Result.Unchanged);
    }

    [SkippableFact]
    public async Task AuditAsync_SymlinksInTree_AreNotFollowed()
    {
        Skip.IfNot(PosixFileSystem.IsSupported, "symlinks need Linux");
        new SnapshotBuilder().File("a.txt", "alpha").File("outside/b.txt", "beta").Write(_fileSystem, _temp.Combine("snapshot"));
        Directory.CreateDirectory(Tree);
        Directory.CreateDirectory(_temp.Combine("elsewhere"));
        File.WriteAllText(_temp.Combine("elsewhere", "b.txt"), "beta");
        File.WriteAllText(Path.Combine(Tree, "a.txt"), "alpha");
        File.CreateSymbolicLink(Path.Combine(Tree, "linked"), _temp.Combine("elsewhere"));
        File.CreateSymbolicLink(Path.Combine(Tree, "b-link.txt"), _temp.Combine("elsewhere", "b.txt"));

        var report = await AuditAsync();

        Assert.Equal(["a.txt"], report.Unchanged);
        Assert.Equal(["outside/b.txt"], report.Missing.Select(m => m.Path));
        Assert.Empty(report.Moved);
        Assert.Empty(report.New);
    }
}
