namespace LiveCommerce.Tests.Infrastructure;

/// <summary>Both hub protocols, for theories that must hold on each.</summary>
public static class Protocols
{
    public static TheoryData<string> Both => new() { "json", "messagepack" };
}
