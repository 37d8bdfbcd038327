using System.Text.Json.Serialization;
using BackupTool.Cli.Verbs;
using BackupTool.Core.Auditing;

namespace BackupTool.Cli.Output;

/// <summary>
/// The serializers that System.Text.Json generates at build time for every <c>--json</c> output,
/// so that the output needs no reflection and works in a Native AOT build.
/// </summary>
/// <remarks>
/// Serialize through <see cref="JsonOutput.Context"/>, which adds the relaxed encoder that an
/// attribute cannot set.
/// </remarks>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(CreateJson))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(AuditJson))]
[JsonSerializable(typeof(MovedFile))]
[JsonSerializable(typeof(ChangedFile))]
[JsonSerializable(typeof(RestoreJson))]
[JsonSerializable(typeof(List<ListingJson>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
