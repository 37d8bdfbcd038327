using System.Runtime.InteropServices;

namespace BackupTool.Core.Posix;

public sealed partial class PosixFileSystem
{
    // Offset of d_name in struct dirent for glibc and musl on 64-bit Linux: d_ino (8 bytes),
    // d_off (8), d_reclen (2), d_type (1).
    private const int DirentNameOffset = 19;
    private const int InitialLinkBuffer = 4096;

    /// <inheritdoc/>
    public unsafe IReadOnlyList<EntryName> ListDirectory(string path)
    {
        var directory = OpenDir(path);
        if (directory == 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), path, "list the folder");
        }

        try
        {
            var names = new List<EntryName>();
            while (true)
            {
                var entry = ReadDir(directory);
                if (entry == 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    return errno == 0 ? names : throw ErrorFor(errno, path, "list the folder");
                }

                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + DirentNameOffset);
                if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
                {
                    names.Add(EntryName.FromBytes(name));
                }
            }
        }
        finally
        {
            CloseDir(directory);
        }
    }

    /// <inheritdoc/>
    public unsafe EntryName ReadLinkTarget(string path)
    {
        for (var size = InitialLinkBuffer; ; size *= 2)
        {
            var buffer = new byte[size];
            nint length;
            fixed (byte* start = buffer)
            {
                length = ReadLink(path, start, size);
            }

            if (length < 0)
            {
                throw ErrorFor(Marshal.GetLastPInvokeError(), path, "read the symlink");
            }

            if (length < size)
            {
                return EntryName.FromBytes(buffer.AsSpan(0, (int)length));
            }
        }
    }

    /// <inheritdoc/>
    public void Rename(string sourcePath, string destinationPath)
    {
        if (RenameEntry(sourcePath, destinationPath) != 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), sourcePath, $"rename to '{destinationPath}'");
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameEntry(string sourcePath, string destinationPath);

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial nint ReadDir(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(nint directory);

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint ReadLink(string path, byte* buffer, nint size);
}
