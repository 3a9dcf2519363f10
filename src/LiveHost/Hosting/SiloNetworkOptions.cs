using System.ComponentModel.DataAnnotations;
using System.Net;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>
/// The cluster side of configuration section <c>Orleans</c> (next to <see cref="SiloOptions"/>): where
/// this silo is reachable by the others, and how long start-up waits for Redis.
/// </summary>
public sealed class SiloNetworkOptions : IValidatableObject
{
    /// <summary>The address the other silos use to reach this one (written to the membership table).</summary>
    [Required] public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (0.0.0.0) instead of only <see cref="AdvertisedIP"/>.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>With <c>ConnectionStrings:Redis</c>: how long start-up waits for Redis before failing with a clear error.</summary>
    [Range(1, 600)] public int RedisStartupTimeoutSeconds { get; set; } = 10;

    public IPAddress Address => IPAddress.Parse(AdvertisedIP);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedIP, out _))
            yield return new ValidationResult($"Orleans:AdvertisedIP '{AdvertisedIP}' is not an IP address", [nameof(AdvertisedIP)]);
    }
}
