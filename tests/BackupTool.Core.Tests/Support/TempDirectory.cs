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
            if (OperatingSystem.IsWindows())
            {
                Directory.Delete(Path, recursive: true);
                return;
            }

            // Tests take permissions away and create names that are not UTF-8, which
            // Directory.Delete cannot address; chmod and rm take the raw bytes.
            Run("chmod", "-R", "u+rwx", Path);
            Run("rm", "-rf", "--", Path);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(command, arguments);
        process.WaitForExit();
    }
}
