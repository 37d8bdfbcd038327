using System.Runtime.InteropServices;

namespace BackupTool.Core.Posix;

public sealed partial class PosixFileSystem
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11;

    /// <inheritdoc/>
    public IDisposable? TryLock(string directoryPath)
    {
        var fd = Open(directoryPath, OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), directoryPath, "open the folder to lock");
        }

        if (FLock(fd, LockExclusive | LockNonBlocking) == 0)
        {
            return new DescriptorLock(fd);
        }

        var errno = Marshal.GetLastPInvokeError();
        Close(fd);
        return errno == WouldBlock ? null : throw ErrorFor(errno, directoryPath, "lock");
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FLock(int fd, int operation);

    /// <summary>An open descriptor whose <c>flock</c> lock ends when it is closed.</summary>
    private sealed class DescriptorLock(int fd) : IDisposable
    {
        private int _fd = fd;

        public void Dispose()
        {
            var fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0)
            {
                Close(fd);
            }
        }
    }
}
