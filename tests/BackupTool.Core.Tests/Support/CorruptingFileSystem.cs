using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace BackupTool.Core.Tests.Support;

/// <summary>
/// A file system that stores one write to each file whose path ends with <paramref name="suffix"/>
/// (the write numbered <paramref name="damagedWrite"/>, from 0) with its first byte inverted, as a
/// failing disk or driver might: reads return the damaged bytes.
/// </summary>
public sealed class CorruptingFileSystem(IFileSystem inner, string suffix, int damagedWrite) : IFileSystem
{
    public IDirectory Directory => inner.Directory;
    public IDirectoryInfoFactory DirectoryInfo => inner.DirectoryInfo;
    public IDriveInfoFactory DriveInfo => inner.DriveInfo;
    public IFile File => inner.File;
    public IFileInfoFactory FileInfo => inner.FileInfo;
    public IFileStreamFactory FileStream => new StreamFactory(this, inner.FileStream, suffix, damagedWrite);
    public IFileSystemWatcherFactory FileSystemWatcher => inner.FileSystemWatcher;
    public IFileVersionInfoFactory FileVersionInfo => inner.FileVersionInfo;
    public IPath Path => inner.Path;
    public IRandomAccess RandomAccess => inner.RandomAccess;

    private sealed class StreamFactory(IFileSystem owner, IFileStreamFactory inner, string suffix, int damagedWrite)
        : IFileStreamFactory
    {
        public IFileSystem FileSystem => owner;

        public FileSystemStream New(SafeFileHandle handle, FileAccess access) => inner.New(handle, access);

        public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) =>
            inner.New(handle, access, bufferSize);

        public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) =>
            inner.New(handle, access, bufferSize, isAsync);

        public FileSystemStream New(string path, FileMode mode) => Damage(inner.New(path, mode));

        public FileSystemStream New(string path, FileMode mode, FileAccess access) =>
            Damage(inner.New(path, mode, access));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) =>
            Damage(inner.New(path, mode, access, share));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
            Damage(inner.New(path, mode, access, share, bufferSize));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize,
            bool useAsync) => Damage(inner.New(path, mode, access, share, bufferSize, useAsync));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize,
            FileOptions options) => Damage(inner.New(path, mode, access, share, bufferSize, options));

        public FileSystemStream New(string path, FileStreamOptions options) => Damage(inner.New(path, options));

        public FileSystemStream Wrap(FileStream fileStream) => inner.Wrap(fileStream);

        private FileSystemStream Damage(FileSystemStream stream) =>
            stream.Name.EndsWith(suffix, StringComparison.Ordinal) ? new DamagingStream(stream, damagedWrite) : stream;
    }

    private sealed class DamagingStream(FileSystemStream inner, int damagedWrite)
        : FileSystemStream(inner, inner.Name, inner.IsAsync)
    {
        private int _writes;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.IsEmpty || _writes++ != damagedWrite)
            {
                inner.Write(buffer);
                return;
            }

            var damaged = buffer.ToArray();
            damaged[0] ^= 0xFF;
            inner.Write(damaged);
        }
    }
}
