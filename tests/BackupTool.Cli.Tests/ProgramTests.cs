using System.Text.Json;
using BackupTool.Cli.Tests.Support;

namespace BackupTool.Cli.Tests;

public sealed class ProgramTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ProgramTests()
    {
        Directory.CreateDirectory(_temp.Combine("src"));
        File.WriteAllText(_temp.Combine("src", "a.txt"), "a");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Help_ListsEveryVerbOnStdout_ExitsZero()
    {
        var run = Backup("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "create", "verify", "restore", "list" })
        {
            Assert.Contains(verb, run.Output);
        }
    }

    [Fact]
    public void HelpVerb_PrintsOptionsOnStdout()
    {
        var run = Backup("help", "create");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--no-fsync", run.Output);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public void Version_PrintsOneLineWithTheVersion_ExitsZero(string argument)
    {
        var run = Backup(argument);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^backup \d+\.\d+\.\d+\S*\n$", run.Output.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void UnknownOption_ExitsTwoNamingIt()
    {
        var run = Backup("create", "--no-such-option", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--no-such-option'", run.Error);
    }

    [Fact]
    public void MissingSource_NamesTheMissingArgument()
    {
        var run = Backup("create");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing SOURCE", run.Error);
    }

    [Fact]
    public void ExtraArgument_ExitsTwoInsteadOfIgnoringIt()
    {
        // A shell glob matching two snapshots used to verify only the first and exit 0.
        var run = Backup("verify", "first", "second");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unexpected argument 'second'", run.Error);
    }

    [Fact]
    public void DoubleDash_PassesAPathThatStartsWithADash()
    {
        Directory.CreateDirectory(_temp.Combine("-src"));

        var run = Backup("create", "--dest", "backups", "--name", "snap", "--", "-src");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Directory.Exists(_temp.Combine("backups", "snap", "data")));
    }

    [Fact]
    public void EmptyDestination_ExitsTwoWithoutCrashing()
    {
        // An empty --dest used to end in an unhandled ArgumentException and exit 134.
        var run = Backup("create", "src", "--dest", "");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid path", run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public void JsonError_PrintsAnObjectOnStdout()
    {
        var run = Backup("verify", "no-such-snapshot", "--json");

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["error", "exitCode"], JsonShape.PropertyNames(json.RootElement));
        Assert.Equal(2, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("no-such-snapshot", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void LogFileInMissingFolder_ExitsTwo()
    {
        // A log file in a folder that does not exist used to be dropped without a word.
        var run = Backup("create", "src", "--dest", "backups", "--log-file", "no/such/folder/run.log");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no/such/folder/run.log", run.Error);
        Assert.False(Directory.Exists(_temp.Combine("backups")));
    }

    [Fact]
    public void LogFileIsFolder_ExitsTwoNamingIt()
    {
        Directory.CreateDirectory(_temp.Combine("logs"));

        var run = Backup("create", "src", "--dest", "backups", "--log-file", "logs");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot write the --log-file 'logs': it is a folder", run.Error);
        Assert.False(Directory.Exists(_temp.Combine("backups")));
    }

    [SkippableFact]
    public void LogFileReadOnly_ExitsTwoNamingIt()
    {
        Skip.If(Unprivileged.WhyUnavailable is not null, Unprivileged.WhyUnavailable);
        var log = _temp.Combine("read-only.log");
        File.WriteAllText(log, "");
        File.SetUnixFileMode(log, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Unprivileged.GiveAway(_temp.Path);

        var run = Unprivileged.Backup(_temp.Path, "create", "src", "--dest", "backups", "--log-file", "read-only.log");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("cannot write the --log-file 'read-only.log': permission denied", run.Error);
    }

    [Fact]
    public void MissingSnapshot_KeepsBagItSpelling()
    {
        var run = Backup("verify");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: missing SNAPSHOT: the snapshot folder or BagIt bag.", run.Error);
    }

    private BackupRun Backup(params string[] arguments) => BackupProcess.Run(_temp.Path, arguments);
}
