namespace LiveCommerce.Grains.Persistence;

/// <summary>The grain storage provider every persistent grain uses: memory when embedded, Redis in a cluster.</summary>
public static class StorageNames
{
    public const string Live = "live";
}
