using BackupTool.Core.Auditing;

namespace BackupTool.Core.Restore;

/// <summary>What a restore did or, for a dry run, would do.</summary>
public sealed class RestoreResult
{
    /// <summary>How the restore ended.</summary>
    public RestoreStatus Status { get; set; }

    /// <summary>Why the snapshot was rejected or the restore failed, one line each.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>What the restore could not do exactly, such as modes of a bag without tree metadata.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Regular files written, hard links included.</summary>
    public long Files { get; set; }

    /// <summary>Bytes of the regular files written, hard links counted once.</summary>
    public long Bytes { get; set; }

    /// <summary>Directories recreated, the target itself excluded.</summary>
    public long Directories { get; set; }

    /// <summary>Symbolic links recreated.</summary>
    public long Symlinks { get; set; }

    /// <summary>Paths created as another name of an already restored file.</summary>
    public long HardLinks { get; set; }

    /// <summary>Directories in the target where the snapshot has a file or symlink, which restore never replaces.</summary>
    public List<string> Conflicts { get; } = [];

    /// <summary>For a dry run: paths, relative to the target, that do not exist yet.</summary>
    /// <remarks>
    /// Also filled by a restore into a folder that has entries. Each path is decoded from a compact
    /// store when it is read.
    /// </remarks>
    public IReadOnlyList<string> WouldCreate => PlannedCreations;

    /// <summary>For a dry run: paths, relative to the target, that exist and would be replaced.</summary>
    /// <remarks>Filled like <see cref="WouldCreate"/>.</remarks>
    public IReadOnlyList<string> WouldOverwrite => PlannedOverwrites;

    internal PathList PlannedCreations { get; private set; } = new(new Utf8PathTable());

    internal PathList PlannedOverwrites { get; private set; } = new(new Utf8PathTable());

    /// <summary>Empties the planned creations, overwrites and conflicts before the plan is made again.</summary>
    internal void ClearPlan()
    {
        PlannedCreations = new PathList(new Utf8PathTable());
        PlannedOverwrites = new PathList(new Utf8PathTable());
        Conflicts.Clear();
    }
}
