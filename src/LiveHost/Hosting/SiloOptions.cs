using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>Configuration section <c>Orleans</c>: this process's silo.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;
    [Required] public string ClusterId { get; set; } = "livecommerce";
    [Required] public string ServiceId { get; set; } = "livecommerce";
}
