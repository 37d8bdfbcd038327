namespace BackupTool.Core.Posix;

/// <summary>The type of a file system entry, as <c>lstat</c> reports it.</summary>
public enum EntryKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link, never followed unless asked.</summary>
    Symlink,

    /// <summary>A named pipe (FIFO); never opened, since a read could block forever.</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>A character device.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,
}
