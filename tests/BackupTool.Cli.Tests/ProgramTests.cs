using BackupTool.Cli.Tests.Support;

namespace BackupTool.Cli.Tests;

public class ProgramTests
{
    [Fact]
    public void Help_ListsEveryVerb_ExitsZero()
    {
        var run = BackupProcess.Run(Path.GetTempPath(), "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "create", "verify", "restore", "list" })
        {
            Assert.Contains(verb, run.Error);
        }
    }

    [Fact]
    public void UnknownOption_ExitsTwo()
    {
        var run = BackupProcess.Run(Path.GetTempPath(), "create", "--no-such-option", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-option", run.Error);
    }
}
