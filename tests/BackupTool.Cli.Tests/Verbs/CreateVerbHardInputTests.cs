using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using BackupTool.Cli.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

/// <summary><c>backup create</c> as a process on hard inputs: odd names, permissions, full disks, signals.</summary>
public sealed class CreateVerbHardInputTests : IDisposable
{
    private static readonly string[] CheckableNames =
    [
        " leading space", "trailing space ", "tab\there", "*star", "-dash", "a\\nb", "back\\slash",
        "caf\u00e9", "cafe\u0301", "Case", "case", "33fe21c6bdf6786411e4f18272956536  other",
        "a" + new string('\u00e9', 127),
    ];

    private static readonly string[] UncheckableNames = ["a\nb", "cr\rinside", "%0A", "%25", "100%"];

    private readonly TempDirectory _temp = new();

    public CreateVerbHardInputTests()
    {
        Directory.CreateDirectory(_temp.Combine("src"));
    }

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Create_HardNames_Md5sumPassesForEveryCheckableName()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux file names and md5sum are tested on Linux");
        foreach (var name in CheckableNames.Concat(UncheckableNames))
        {
            File.WriteAllText(_temp.Combine("src", name), name);
        }

        var run = Backup("create", "src", "--dest", "backups", "--name", "snap");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"md5sum -c cannot check {UncheckableNames.Length} file", run.Error);
        var md5sum = Md5sum(_temp.Combine("backups", "snap"));
        var lines = md5sum.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CheckableNames.Length, lines.Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
        Assert.Equal(UncheckableNames.Length, lines.Count(l => l.EndsWith(": FAILED open or read", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.EndsWith(": FAILED", StringComparison.Ordinal));
        var readme = File.ReadAllText(_temp.Combine("backups", "snap", "README.md"));
        Assert.Contains("grep -v '%' manifest-md5.txt | md5sum -c --quiet", readme);
        var checkable = RunIn(_temp.Combine("backups", "snap"), "bash", ["-c", "grep -v '%' manifest-md5.txt | md5sum -c --quiet"]);
        Assert.True(checkable.ExitCode == 0, checkable.ToString());
    }

    [SkippableFact]
    public void Create_NameNotUtf8_ExitsThreeNamingItEscaped()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        File.WriteAllText(_temp.Combine("src", "fine.txt"), "fine");
        Sh("cd \"$1\" && : > \"$(printf 'bad\\377.txt')\"", _temp.Combine("src"));

        var run = Backup("create", "src", "--dest", "backups", "--name", "snap");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("bad\\xff.txt", run.Error);
        Assert.Contains("not valid UTF-8", run.Error);
        Assert.DoesNotContain("\ufffd", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("backups")));
    }

    [SkippableFact]
    public void Create_JsonWithIssues_PrintsEveryFieldInOrder()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names and pipes are tested on Linux");
        File.WriteAllText(_temp.Combine("src", "100%"), "percent");
        Sh("cd \"$1\" && : > \"$(printf 'bad\\377.txt')\" && mkfifo pipe", _temp.Combine("src"));

        var run = Backup("create", "src", "--dest", "backups", "--name", "snap", "--skip-unreadable", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        string[] fields =
        [
            "snapshot", "source", "files", "directories", "symlinks", "bytes", "durationSeconds",
            "bytesPerSecond", "algorithms", "durable", "complete", "excludedDestination", "warnings",
            "skipped", "uncheckableByMd5sum",
        ];
        Assert.Equal(fields, JsonShape.PropertyNames(root));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("durationSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("excludedDestination").ValueKind);
        Assert.False(root.GetProperty("complete").GetBoolean());
        var warning = root.GetProperty("warnings")[0];
        Assert.Equal(["path", "message"], JsonShape.PropertyNames(warning));
        Assert.Equal("pipe", warning.GetProperty("path").GetString());
        var skipped = root.GetProperty("skipped")[0];
        Assert.Equal(["path", "message"], JsonShape.PropertyNames(skipped));
        Assert.Equal("bad\\xff.txt", skipped.GetProperty("path").GetString());
        Assert.Equal("100%", root.GetProperty("uncheckableByMd5sum")[0].GetString());
    }

    [SkippableFact]
    public void Create_UnreadableEntries_ExitsThreeNamingEachAndPublishesNothing()
    {
        // A folder with read but no search permission used to abort the run on its first child's
        // status, naming only that child, even with --skip-unreadable.
        Skip.If(Unprivileged.WhyUnavailable is not null, Unprivileged.WhyUnavailable);
        MakeUnreadableTree();

        var run = Unprivileged.Backup(_temp.Path, "create", "src", "--dest", "backups", "--name", "snap");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("secret.txt: permission denied", run.Error);
        Assert.Contains("locked: cannot list the folder: permission denied", run.Error);
        Assert.Contains("no-search/inside.txt: cannot read its status: permission denied", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("backups")));
    }

    [SkippableFact]
    public void Create_UnreadableWithSkip_PublishesIncompleteAndExitsOne()
    {
        Skip.If(Unprivileged.WhyUnavailable is not null, Unprivileged.WhyUnavailable);
        MakeUnreadableTree();

        var run = Unprivileged.Backup(_temp.Path, "create", "src", "--dest", "backups", "--name", "snap",
            "--skip-unreadable");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("INCOMPLETE", run.Error);
        var info = File.ReadAllLines(_temp.Combine("backups", "snap", "bag-info.txt"));
        Assert.Contains("Backup-Incomplete: true", info);
        Assert.Contains("Backup-Skipped-Path: secret.txt", info);
        Assert.Contains("Backup-Skipped-Path: locked", info);
        Assert.Contains("Backup-Skipped-Path: no-search/inside.txt", info);
        var readme = File.ReadAllText(_temp.Combine("backups", "snap", "README.md"));
        Assert.Contains("## Incomplete", readme);
        Assert.Contains("`no-search/inside.txt`: cannot read its status: permission denied", readme);
        Assert.Equal("readable", File.ReadAllText(_temp.Combine("backups", "snap", "data", "readable.txt")));
    }

    [SkippableFact]
    public void Create_DestinationNotWritable_ExitsThreeNamingIt()
    {
        Skip.If(Unprivileged.WhyUnavailable is not null, Unprivileged.WhyUnavailable);
        File.WriteAllText(_temp.Combine("src", "a.txt"), "a");
        Directory.CreateDirectory(_temp.Combine("read-only"));
        Unprivileged.GiveAway(_temp.Combine("src"));
        File.SetUnixFileMode(_temp.Combine("read-only"), (UnixFileMode)Convert.ToInt32("555", 8));

        var run = Unprivileged.Backup(_temp.Path, "create", "src", "--dest", "read-only", "--name", "snap");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(_temp.Combine("read-only"), run.Error);
        Assert.Contains("--dest", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("read-only")));
    }

    [SkippableFact]
    public void Create_DiskFull_ExitsThreeRemovesPartialAndLeavesSourceAlone()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a full disk is tested on a Linux tmpfs");
        var mount = _temp.Combine("small-disk");
        Directory.CreateDirectory(mount);
        Skip.IfNot(TryRun("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount),
            "mounting a 1 MiB tmpfs needs root and a system that allows mounts");
        try
        {
            File.WriteAllBytes(_temp.Combine("src", "big.bin"), RandomNumberGenerator.GetBytes(3 << 20));
            File.WriteAllText(_temp.Combine("src", "small.txt"), "small");
            var before = Md5sum(_temp.Combine("src"), "big.bin", "small.txt");

            var run = Backup("create", "src", "--dest", "small-disk/backups", "--name", "snap");

            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("No space left on device", run.Error);
            Assert.Contains("partial folder was removed", run.Error);
            Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("small-disk", "backups")));
            Assert.Equal(before, Md5sum(_temp.Combine("src"), "big.bin", "small.txt"));
        }
        finally
        {
            TryRun("umount", mount);
        }
    }

    [SkippableTheory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Create_Signal_ExitsWithSignalCodeAndLeavesNoSnapshot(string signal, int exitCode)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals are tested on Linux");
        WriteManyFiles(4000);

        using var process = BackupProcess.Start(_temp.Path, "create", "src", "--dest", "backups", "--name", "snap");
        await WaitForPartialAsync(process);
        Run("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}: {error}");
        Assert.Contains("Interrupted", error);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("backups")));
    }

    [SkippableTheory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Restore_Signal_ExitsWithSignalCodeAndLeavesNothing(string signal, int exitCode)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals are tested on Linux");
        WriteManyFiles(4000);
        var create = Backup("create", "src", "--dest", "backups", "--name", "snap", "--no-fsync", "--quiet");
        Assert.True(create.ExitCode == 0, create.ToString());

        using var process = BackupProcess.Start(_temp.Path, "restore", "backups/snap", "--to", "restored");
        await WaitForAsync(process, () => Directory.Exists(_temp.Combine("restored"))
            && Directory.EnumerateDirectories(_temp.Combine("restored")).Any(StagingHasFiles));
        Run("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}: {error}");
        Assert.False(Directory.Exists(_temp.Combine("restored")) && Directory.EnumerateFileSystemEntries(_temp.Combine("restored")).Any(),
            "the interrupted restore left entries in its target");
    }

    [SkippableFact]
    public async Task Create_AfterSigkill_LeavesPartialAndNextCreateWorks()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals are tested on Linux");
        WriteManyFiles(4000);

        using (var process = BackupProcess.Start(_temp.Path, "create", "src", "--dest", "backups", "--name", "snap"))
        {
            await WaitForPartialAsync(process);
            process.Kill();
            await process.WaitForExitAsync();
        }

        Assert.True(Directory.Exists(_temp.Combine("backups", ".snap.partial")));
        Assert.False(Directory.Exists(_temp.Combine("backups", "snap")));
        var list = Backup("list", "backups");
        Assert.Contains("partial", list.Output);
        var sameName = Backup("create", "src", "--dest", "backups", "--name", "snap", "--no-fsync");
        Assert.True(sameName.ExitCode == 0, sameName.ToString());
        Assert.Contains("4,000 files", sameName.Output);
        Assert.False(Directory.Exists(_temp.Combine("backups", ".snap.partial")));
    }

    private void MakeUnreadableTree()
    {
        File.WriteAllText(_temp.Combine("src", "readable.txt"), "readable");
        File.WriteAllText(_temp.Combine("src", "secret.txt"), "secret");
        Directory.CreateDirectory(_temp.Combine("src", "locked"));
        File.WriteAllText(_temp.Combine("src", "locked", "hidden.txt"), "hidden");
        Directory.CreateDirectory(_temp.Combine("src", "no-search"));
        File.WriteAllText(_temp.Combine("src", "no-search", "inside.txt"), "inside");
        Unprivileged.GiveAway(_temp.Path);
        File.SetUnixFileMode(_temp.Combine("src", "secret.txt"), UnixFileMode.None);
        File.SetUnixFileMode(_temp.Combine("src", "locked"), UnixFileMode.None);
        File.SetUnixFileMode(_temp.Combine("src", "no-search"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void WriteManyFiles(int count)
    {
        var block = RandomNumberGenerator.GetBytes(16 << 10);
        for (var i = 0; i < count; i++)
        {
            var folder = _temp.Combine("src", $"folder-{i / 100:D3}");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"file-{i:D5}.bin"), block);
        }
    }

    private Task WaitForPartialAsync(Process process)
    {
        var partial = _temp.Combine("backups", ".snap.partial", "data");
        return WaitForAsync(process, () => Directory.Exists(partial) && Directory.GetDirectories(partial).Length >= 2);
    }

    private static bool StagingHasFiles(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Skip(20).Any();
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Process process, Func<bool> ready)
    {
        var deadline = Stopwatch.StartNew();
        while (!ready())
        {
            Assert.False(process.HasExited, "the run ended before it could be interrupted");
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), "the run never reached the point to interrupt");
            await Task.Delay(20);
        }
    }

    private BackupRun Backup(params string[] arguments) => BackupProcess.Run(_temp.Path, arguments);

    private static string Md5sum(string folder, params string[] files) =>
        RunIn(folder, "md5sum", files.Length == 0 ? ["-c", "manifest-md5.txt"] : files).Output;

    private static void Sh(string script, params string[] arguments) => Run("bash", ["-c", script, "bash", .. arguments]);

    private static bool TryRun(string command, params string[] arguments) =>
        RunIn(Environment.CurrentDirectory, command, arguments).ExitCode == 0;

    private static void Run(string command, params string[] arguments)
    {
        var run = RunIn(Environment.CurrentDirectory, command, arguments);
        Assert.True(run.ExitCode == 0, $"{command} failed: {run.Error}");
    }

    private static BackupRun RunIn(string folder, string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new BackupRun(process.ExitCode, output, error.Result);
    }
}
