namespace BackupTool.Core.Restore;

/// <summary>How a restore ended.</summary>
public enum RestoreStatus
{
    /// <summary>Every entry was written and checked.</summary>
    Restored,

    /// <summary>A dry run listed what a restore would do and changed nothing.</summary>
    Planned,

    /// <summary>
    /// A dry run listed what a restore would do, changed nothing, and found that the restore itself
    /// would be rejected for the target (listed in the problems), as invalid input.
    /// </summary>
    Blocked,

    /// <summary>The snapshot is damaged or unsafe; nothing was written.</summary>
    Rejected,

    /// <summary>A payload file did not match its manifest; the staged files were removed.</summary>
    Failed,
}
