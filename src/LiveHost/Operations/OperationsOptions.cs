using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.LiveHost.Operations;

/// <summary>Configuration section <c>Operations</c>: who may open the dashboard, how a host shuts down.</summary>
public sealed class OperationsOptions : IValidatableObject
{
    public const string Section = "Operations";

    /// <summary>
    /// The Orleans dashboard at <c>/dashboard</c> without sign-in; when unset: open in Development, operators
    /// only elsewhere.
    /// </summary>
    public bool? DashboardOpen { get; set; }

    /// <summary>User ids (the token's <c>sub</c>) who are operators besides anyone whose token has <c>role: operator</c>.</summary>
    public string[] Operators { get; set; } = [];

    /// <summary>On SIGTERM, how long in-flight hub invocations may take to finish before connections close.</summary>
    [Range(0, 300)] public int DrainSeconds { get; set; } = 10;

    /// <summary>The whole graceful stop (drain, silo shutdown, leaving the cluster) before the process gives up.</summary>
    [Range(5, 600)] public int ShutdownTimeoutSeconds { get; set; } = 45;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Operators.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("Operations:Operators has an empty user id; list the operators' user ids (the 'sub' of their tokens)", [nameof(Operators)]);
        if (ShutdownTimeoutSeconds <= DrainSeconds)
            yield return new ValidationResult($"Operations:ShutdownTimeoutSeconds ({ShutdownTimeoutSeconds}) must be longer than Operations:DrainSeconds ({DrainSeconds}): the silo still has to stop after the drain", [nameof(ShutdownTimeoutSeconds)]);
    }
}
