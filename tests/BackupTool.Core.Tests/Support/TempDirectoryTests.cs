namespace BackupTool.Core.Tests.Support;

public class TempDirectoryTests
{
    [Fact]
    public void Dispose_RawNamesAndLockedFolder_Removed()
    {
        var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("locked"));
        RawNames.CreateFile(temp.Combine("locked"), "bad\\xff.txt");
        RawNames.CreateDirectory(temp.Path, "dir\\xc3\\x28");
        File.SetUnixFileMode(temp.Combine("locked"), UnixFileMode.None);

        temp.Dispose();

        Assert.False(Directory.Exists(temp.Path));
    }
}
