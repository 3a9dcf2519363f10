namespace LiveCommerce.LoadTests.Engine;

/// <summary>A named load scenario (NBomber's "scenario"): it drives the server and records into the context.</summary>
public interface IScenario
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(ScenarioContext ctx);
}
