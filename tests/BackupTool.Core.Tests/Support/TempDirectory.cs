namespace BackupTool.Core.Tests.Support;

/// <summary>A folder under the system temp path for tests on the real disk, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "backuptool-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            // Tests take permissions away; give them back so the folder can be deleted.
            Chmod("-R", "u+rwx", Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Chmod(params string[] arguments)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var process = System.Diagnostics.Process.Start("chmod", arguments);
        process.WaitForExit();
    }
}
