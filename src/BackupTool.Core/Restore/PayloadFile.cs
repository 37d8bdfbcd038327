namespace BackupTool.Core.Restore;

/// <summary>One payload file as the payload manifests list it.</summary>
/// <param name="digests">Lowercase hex digests, in the order of <see cref="PayloadManifests.Algorithms"/>.</param>
public sealed class PayloadFile(string[] digests)
{
    /// <summary>Lowercase hex digests, one for each payload manifest.</summary>
    public string[] Digests { get; } = digests;

    /// <summary>Whether a path of the tree metadata has claimed this file.</summary>
    /// <remarks>Not safe to set concurrently.</remarks>
    public bool Claimed { get; set; }
}
