using System.IO.Abstractions;
using System.Text.Json;
using BackupTool.Cli.Tests.Support;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

public sealed class ListVerbTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private void WriteSnapshot(string name) =>
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a.txt"] = "alpha" })
            .Write(new FileSystem(), _temp.Combine("backups", name));

    [Fact]
    public void List_DefaultFolder_PrintsTableWithStates()
    {
        WriteSnapshot("src-backup-20260130-181500");
        Directory.CreateDirectory(_temp.Combine("backups", ".src-backup-20260131-090000.partial"));

        var run = BackupProcess.Run(_temp.Path, "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("src-backup-20260130-181500") && l.Contains("complete") && l.Contains("md5"));
        Assert.Contains(lines, l => l.StartsWith("src-backup-20260131-090000") && l.Contains("partial"));
    }

    [Fact]
    public void List_Json_PrintsArray()
    {
        WriteSnapshot("s1");
        File.AppendAllText(_temp.Combine("backups", "s1", "bagit.txt"), "\n");
        WriteSnapshot("s2");

        var run = BackupProcess.Run(_temp.Path, "list", "backups", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("damaged", items[0].GetProperty("state").GetString());
        Assert.Equal("complete", items[1].GetProperty("state").GetString());
        Assert.Equal(5, items[1].GetProperty("bytes").GetInt64());
        Assert.Equal(1, items[1].GetProperty("files").GetInt64());
    }

    [Fact]
    public void List_Json_PrintsEveryFieldInOrder()
    {
        WriteSnapshot("s1");
        Directory.CreateDirectory(_temp.Combine("backups", ".s2.partial"));

        var run = BackupProcess.Run(_temp.Path, "list", "backups", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        string[] fields = ["name", "path", "state", "created", "sourcePath", "files", "bytes", "algorithms", "problems"];
        foreach (var item in json.RootElement.EnumerateArray())
        {
            Assert.Equal(fields, JsonShape.PropertyNames(item));
        }

        var partial = json.RootElement.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "s2");
        Assert.Equal("partial", partial.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, partial.GetProperty("files").ValueKind);
    }

    [Fact]
    public void List_MissingFolder_ExitsTwo()
    {
        var run = BackupProcess.Run(_temp.Path, "list", "nowhere");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'nowhere' not found", run.Error);
    }
}
