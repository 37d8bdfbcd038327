using System.IO.Abstractions;
using System.Text.Json;
using BackupTool.Cli.Tests.Support;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

public sealed class AuditVerbTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public AuditVerbTests()
    {
        SnapshotBuilder.FromFiles(new Dictionary<string, string>
        {
            ["src/app.cs"] = "class App {}",
            ["src/util.cs"] = "class Util {}",
            ["README.md"] = "# readme",
        }).Write(new FileSystem(), Bag);
    }

    public void Dispose() => _temp.Dispose();

    private string Bag => _temp.Combine("snapshot");

    private string Tree => _temp.Combine("tree");

    private void AddTreeFile(string path, string text)
    {
        var full = Path.Combine(Tree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private BackupRun Audit(params string[] extra) =>
        BackupProcess.Run(_temp.Path, ["verify", Bag, "--against", Tree, .. extra]);

    [Fact]
    public void Audit_MovesOnly_ExitsZeroAndPrintsMoves()
    {
        AddTreeFile("apps/app/app.cs", "class App {}");
        AddTreeFile("apps/app/util.cs", "class Util {}");
        AddTreeFile("README.md", "# readme");

        var run = Audit();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("moved      src/app.cs -> apps/app/app.cs", run.Output);
        Assert.Contains("1 unchanged, 2 moved, 0 modified, 0 missing, 0 new: OK", run.Output);
    }

    [Fact]
    public void Audit_MovesOnlyStrict_ExitsOne()
    {
        AddTreeFile("apps/app/app.cs", "class App {}");
        AddTreeFile("src/util.cs", "class Util {}");
        AddTreeFile("README.md", "# readme");

        var run = Audit("--strict");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("DIFFERENCES FOUND", run.Output);
    }

    [Fact]
    public void Audit_EditsAndDeletions_ExitsOneNamingEach()
    {
        AddTreeFile("src/app.cs", "class App { }");
        AddTreeFile("NEW.md", "new");

        var run = Audit();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("modified   src/app.cs", run.Output);
        Assert.Contains("missing    src/util.cs", run.Output);
        Assert.Contains("missing    README.md", run.Output);
        Assert.Contains("new        NEW.md", run.Output);
    }

    [Fact]
    public void Audit_DuplicateLeftOnce_ReportsMissingWithContentPresent()
    {
        AddTreeFile("src/app.cs", "class App {}");
        AddTreeFile("src/util.cs", "class Util {}");
        AddTreeFile("README.md", "# readme");
        SnapshotBuilder.FromFiles(new Dictionary<string, string> { ["a/x.txt"] = "same", ["b/x.txt"] = "same" })
            .Write(new FileSystem(), _temp.Combine("dup"));
        AddTreeFile("a/x.txt", "same");

        var run = BackupProcess.Run(_temp.Path, "verify", _temp.Combine("dup"), "--against", Tree);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("missing    b/x.txt (content still present at a/x.txt)", run.Output);
    }

    [Fact]
    public void Audit_Json_GivesEveryCategory()
    {
        AddTreeFile("moved/app.cs", "class App {}");
        AddTreeFile("README.md", "changed");
        AddTreeFile("extra.txt", "extra");

        var run = Audit("--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal("moved/app.cs", root.GetProperty("moved")[0].GetProperty("to").GetString());
        Assert.Equal("README.md", root.GetProperty("modified")[0].GetProperty("path").GetString());
        Assert.Equal("src/util.cs", root.GetProperty("missing")[0].GetProperty("path").GetString());
        Assert.Equal("extra.txt", root.GetProperty("new")[0].GetString());
        Assert.Equal(0, root.GetProperty("unchanged").GetArrayLength());
    }

    [Fact]
    public void Audit_Json_PrintsEveryFieldInOrder()
    {
        AddTreeFile("moved/app.cs", "class App {}");
        AddTreeFile("README.md", "changed");

        var run = Audit("--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        string[] fields =
        [
            "snapshot", "tree", "algorithm", "strict", "ok", "counts", "unchanged", "moved", "modified",
            "missing", "new", "unreadable", "hashedFiles", "hashedBytes", "warnings", "problems",
        ];
        Assert.Equal(fields, JsonShape.PropertyNames(root));
        string[] counts = ["unchanged", "moved", "modified", "missing", "new", "unreadable"];
        Assert.Equal(counts, JsonShape.PropertyNames(root.GetProperty("counts")));
        Assert.Equal(1, root.GetProperty("counts").GetProperty("moved").GetInt32());
        Assert.Equal(["from", "to"], JsonShape.PropertyNames(root.GetProperty("moved")[0]));
        Assert.Equal(["path", "contentPresentAt"], JsonShape.PropertyNames(root.GetProperty("modified")[0]));
        Assert.Equal(["path", "contentPresentAt"], JsonShape.PropertyNames(root.GetProperty("missing")[0]));
        Assert.Equal("md5", root.GetProperty("algorithm").GetString());
    }

    [Fact]
    public void Audit_QuietWithoutDifferences_PrintsNothing()
    {
        AddTreeFile("src/app.cs", "class App {}");
        AddTreeFile("src/util.cs", "class Util {}");
        AddTreeFile("README.md", "# readme");

        var run = Audit("--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Audit_MissingTree_ExitsTwo()
    {
        var run = Audit();

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not found", run.Error);
    }

    [Fact]
    public void Audit_DamagedSnapshot_ExitsOne()
    {
        AddTreeFile("README.md", "# readme");
        File.AppendAllText(Path.Combine(Bag, "manifest-md5.txt"), "\n");

        var run = Audit();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: manifest-md5.txt: md5 is", run.Error);
    }
}
