using Orleans.Configuration;
using Orleans.Storage;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>
/// Every grain storage of the host writes Orleans' own binary format: it follows the
/// [GenerateSerializer]/[Id] contracts the grain states keep (private setters included, computed
/// getters not stored), writes the polymorphic RoomEvent.Data with its type, and costs a fraction of
/// the default JSON (Newtonsoft, the whole state per write), which was a fifth of a flash sale's CPU.
/// </summary>
public static class GrainStorageFormat
{
    public static IGrainStorageSerializer Binary(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);

    /// <summary>In-memory grain storage (the embedded mode, the tests) in the binary format.</summary>
    public static ISiloBuilder AddBinaryMemoryGrainStorage(this ISiloBuilder silo, string name) =>
        silo.AddMemoryGrainStorage(name, o => o.Configure<IServiceProvider>((storage, services) => storage.GrainStorageSerializer = Binary(services)));
}
