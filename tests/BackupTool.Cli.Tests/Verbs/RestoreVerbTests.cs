using System.Diagnostics;
using System.IO.Abstractions;
using System.Text.Json;
using BackupTool.Cli.Tests.Support;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

public sealed class RestoreVerbTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Bag => _temp.Combine("snapshot");

    private string Target => _temp.Combine("restored");

    private void WriteSnapshot() =>
        new SnapshotBuilder().File("a.txt", "alpha").File("src/b.txt", "beta").Directory("empty")
            .Write(new FileSystem(), Bag);

    [Fact]
    public void Restore_IntactSnapshot_ExitsZeroAndWritesTree()
    {
        WriteSnapshot();

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("beta", File.ReadAllText(Path.Combine(Target, "src/b.txt")));
        Assert.True(Directory.Exists(Path.Combine(Target, "empty")));
        Assert.Contains("Restored 2 files", run.Output);
    }

    [Fact]
    public void Restore_Quiet_PrintsNothing()
    {
        WriteSnapshot();

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target, "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Restore_TagFileDamaged_ExitsOneAndWritesNothing()
    {
        WriteSnapshot();
        File.AppendAllText(Path.Combine(Bag, "bag-info.txt"), "Extra: line\n");

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: bag-info.txt: md5 is", run.Error);
        Assert.Contains("tagmanifest-md5.txt", run.Error);
        Assert.False(Directory.Exists(Target));
    }

    [Fact]
    public void Restore_PayloadDamaged_ExitsOneNamingFile()
    {
        WriteSnapshot();
        File.WriteAllText(Path.Combine(Bag, "data/src/b.txt"), "BETA");

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("data/src/b.txt does not match", run.Error);
        Assert.False(Directory.Exists(Target));
    }

    [Fact]
    public void Restore_NonEmptyTarget_ExitsTwo()
    {
        WriteSnapshot();
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "mine.txt"), "keep");

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--overwrite", run.Error);
        Assert.False(File.Exists(Path.Combine(Target, "a.txt")));
    }

    [Fact]
    public void Restore_NotASnapshot_ExitsTwo()
    {
        Directory.CreateDirectory(Bag);

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("bagit.txt", run.Error);
    }

    [Fact]
    public void Restore_DryRun_ListsCreateAndOverwriteAndChangesNothing()
    {
        WriteSnapshot();
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "a.txt"), "old");

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target, "--dry-run", "--overwrite");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("overwrite  a.txt", run.Output);
        Assert.Contains("create     src/b.txt", run.Output);
        Assert.Equal("old", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.False(Directory.Exists(Path.Combine(Target, "src")));
    }

    [Fact]
    public void Restore_Json_PrintsCountsAndStatus()
    {
        WriteSnapshot();

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("restored", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("files").GetInt64());
        Assert.Equal(9, json.RootElement.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public void Restore_BlockedDryRun_ExitsTwo()
    {
        WriteSnapshot();
        Directory.CreateDirectory(Path.Combine(Target, "a.txt"));

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target, "--dry-run", "--overwrite");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("conflict   'a.txt' is a directory in the target", run.Output);
        Assert.Contains("error: Target", run.Error);
        Assert.Contains("would be rejected", run.Error);
        Assert.True(Directory.Exists(Path.Combine(Target, "a.txt")));
    }

    [Fact]
    public void Restore_JsonBlockedDryRun_ReportsBlocked()
    {
        WriteSnapshot();
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "other.txt"), "keep");

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target, "--dry-run", "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("blocked", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("is not empty", json.RootElement.GetProperty("problems")[0].GetString());
    }

    [Fact]
    public void Restore_JsonDryRun_PrintsEveryFieldInOrder()
    {
        WriteSnapshot();
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "a.txt"), "old");

        var run = BackupProcess.Run(_temp.Path, "restore", Bag, "--to", Target, "--dry-run", "--overwrite", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        string[] fields =
        [
            "snapshot", "target", "status", "dryRun", "files", "bytes", "directories", "symlinks",
            "hardLinks", "wouldCreate", "wouldOverwrite", "conflicts", "warnings", "problems",
        ];
        Assert.Equal(fields, JsonShape.PropertyNames(root));
        Assert.Equal("planned", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("dryRun").GetBoolean());
        Assert.Equal("a.txt", root.GetProperty("wouldOverwrite")[0].GetString());
        Assert.Contains("src/b.txt", root.GetProperty("wouldCreate").EnumerateArray().Select(p => p.GetString()));
    }

    [SkippableTheory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void Restore_Signalled_LeavesNothingAndExitsWithSignalCode(string signal, int exitCode)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sends a POSIX signal with kill");
        var builder = new SnapshotBuilder();
        var content = new byte[4 << 20];
        for (var i = 0; i < 96; i++)
        {
            Random.Shared.NextBytes(content);
            builder.File($"big/{i:D3}.bin", content.ToArray());
        }

        builder.Write(new FileSystem(), Bag);

        using var process = BackupProcess.Start(_temp.Path, "restore", Bag, "--to", Target);
        var staged = WaitForStaging(process);
        Process.Start("kill", ["-" + signal, process.Id.ToString()])!.WaitForExit();
        process.WaitForExit();

        Assert.True(staged, "the restore ended before it could be signalled");
        Assert.Equal(exitCode, process.ExitCode);
        Assert.False(Directory.Exists(Target) && Directory.EnumerateFileSystemEntries(Target).Any(),
            string.Join(", ", Directory.Exists(Target) ? Directory.EnumerateFileSystemEntries(Target) : []));
    }

    private bool WaitForStaging(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            if (Directory.Exists(Target) && Directory.EnumerateDirectories(Target, ".backup-restore-*")
                    .Any(d => Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories).Count() > 4))
            {
                return true;
            }

            Thread.Sleep(5);
        }

        return false;
    }
}
