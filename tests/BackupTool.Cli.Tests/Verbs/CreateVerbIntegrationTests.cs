using System.Diagnostics;
using System.Text.Json;
using BackupTool.Cli.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

public sealed class CreateVerbIntegrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public CreateVerbIntegrationTests()
    {
        Directory.CreateDirectory(_temp.Combine("src", "docs", "release notes"));
        Directory.CreateDirectory(_temp.Combine("src", "build", "empty", "nested"));
        File.WriteAllText(_temp.Combine("src", "main.c"), "int main(void) { return 0; }\n");
        File.WriteAllText(_temp.Combine("src", "docs", "release notes", "v1.md"), "# v1\n");
        File.WriteAllText(_temp.Combine("src", "docs", "Überblick.md"), "Übersicht\n");
        File.WriteAllText(_temp.Combine("src", ".env"), "TOKEN=fake\n");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_Tree_ExitsZeroAndMd5sumAgrees()
    {
        var run = Backup("create", "src", "--dest", "backups", "--name", "snap");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Created snapshot", run.Output);
        Assert.Contains("4 files", run.Output);
        var md5sum = RunMd5sum(_temp.Combine("backups", "snap"));
        Assert.True(md5sum.ExitCode == 0, md5sum.Output);
        Assert.Equal(4, md5sum.Output.Split('\n').Count(line => line.EndsWith(": OK")));
        Assert.True(Directory.Exists(_temp.Combine("backups", "snap", "data", "build", "empty", "nested")));
    }

    [Fact]
    public void Create_Json_PrintsOneObjectWithTheSummary()
    {
        var run = Backup("create", "src", "--dest", "backups", "--name", "snap", "--json", "--algorithm", "md5,sha256");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(_temp.Combine("backups", "snap"), root.GetProperty("snapshot").GetString());
        Assert.Equal(4, root.GetProperty("files").GetInt64());
        Assert.Equal(new FileInfo(_temp.Combine("src", "main.c")).Length + 5 + 11 + 11, root.GetProperty("bytes").GetInt64());
        Assert.True(root.GetProperty("durable").GetBoolean());
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.Equal(["md5", "sha256"], root.GetProperty("algorithms").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(_temp.Combine("backups", "snap", "manifest-sha256.txt")));
    }

    [Fact]
    public void Create_NoFsync_SaysSoInTheSummary()
    {
        var run = Backup("create", "src", "--dest", "backups", "--no-fsync");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("NOT flushed to disk", run.Output);
    }

    [Fact]
    public void Create_ExistingName_ExitsTwoAndWritesNothing()
    {
        Directory.CreateDirectory(_temp.Combine("backups", "snap"));

        var run = Backup("create", "src", "--dest", "backups", "--name", "snap");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("backups", "snap")));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Combine("backups")));
    }

    [Theory]
    [InlineData("missing-folder", "does not exist")]
    [InlineData("src/main.c", "is not a folder")]
    public void Create_BadSource_ExitsTwoNamingIt(string source, string reason)
    {
        var run = Backup("create", source, "--dest", "backups");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(source, run.Error);
        Assert.Contains(reason, run.Error);
    }

    [Fact]
    public void Create_UnknownAlgorithm_ExitsTwo()
    {
        var run = Backup("create", "src", "--algorithm", "crc32");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("crc32", run.Error);
    }

    [Fact]
    public void Create_DestinationUnderAFile_ExitsThreeNamingIt()
    {
        File.WriteAllText(_temp.Combine("blocker"), "not a folder");

        var run = Backup("create", "src", "--dest", "blocker/backups");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("blocker", run.Error);
    }

    [Fact]
    public void Create_DestinationInsideSource_SaysItWasLeftOut()
    {
        Backup("create", "src", "--dest", "src/backups", "--name", "first");

        var run = Backup("create", "src", "--dest", "src/backups", "--name", "second");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("left out the destination", run.Error);
        Assert.False(Directory.Exists(_temp.Combine("src", "backups", "second", "data", "backups")));
    }

    [Fact]
    public void Create_NameWithPercent_WarnsThatMd5sumCannotCheckIt()
    {
        File.WriteAllText(_temp.Combine("src", "100% done.txt"), "x");

        var run = Backup("create", "src", "--dest", "backups", "--name", "snap");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("md5sum -c cannot check 1 file", run.Error);
        Assert.Contains("100% done.txt", run.Error);
        Assert.Contains("data/100%25 done.txt", File.ReadAllText(_temp.Combine("backups", "snap", "manifest-md5.txt")));
    }

    [Fact]
    public void Create_ExcludeFromFile_LeavesPatternsOut()
    {
        File.WriteAllText(_temp.Combine("excludes.txt"), "# secrets\n.env\ndocs/\n");

        var run = Backup("create", "src", "--dest", "backups", "--name", "snap", "--exclude-from", "excludes.txt");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(_temp.Combine("backups", "snap", "data", ".env")));
        Assert.False(Directory.Exists(_temp.Combine("backups", "snap", "data", "docs")));
        Assert.True(File.Exists(_temp.Combine("backups", "snap", "data", "main.c")));
    }

    [Fact]
    public void Create_Quiet_PrintsNothingOnSuccess()
    {
        var run = Backup("create", "src", "--dest", "backups", "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Create_LogFile_RecordsStartAndSummary()
    {
        var run = Backup("create", "src", "--dest", "backups", "--log-file", "run.log");

        Assert.Equal(0, run.ExitCode);
        var log = File.ReadAllText(_temp.Combine("run.log"));
        Assert.Contains("Creating snapshot of", log);
        Assert.Contains("Published snapshot", log);
    }

    private BackupRun Backup(params string[] arguments) => BackupProcess.Run(_temp.Path, arguments);

    private static BackupRun RunMd5sum(string snapshot)
    {
        var start = new ProcessStartInfo("md5sum", "-c manifest-md5.txt")
        {
            WorkingDirectory = snapshot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new BackupRun(process.ExitCode, output, error);
    }
}
