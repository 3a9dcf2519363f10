namespace LiveCommerce.Grains.Persistence;

/// <summary>
/// The newest ids seen, at most <see cref="Capacity"/>, for receivers that must count a redelivered
/// follow-up once: a sender redelivers within seconds of the first delivery, so a window of the newest
/// ids deduplicates it without keeping every id ever seen in hot state.
/// </summary>
[GenerateSerializer, Alias("RecentIds")]
public sealed class RecentIds
{
    [Id(0)] public List<string> Ids { get; set; } = [];
    [Id(1)] public int Capacity { get; set; } = 500;
    [NonSerialized] private HashSet<string>? _index;

    public bool Contains(string id) => (_index ??= [.. Ids]).Contains(id);

    /// <summary>False when the id is among the newest already (nothing changes).</summary>
    public bool Add(string id)
    {
        _index ??= [.. Ids];
        if (!_index.Add(id)) return false;
        Ids.Add(id);
        if (Ids.Count > Capacity)
        {
            var dropped = Ids.Count - Capacity;
            foreach (var old in Ids.Take(dropped)) _index.Remove(old);
            Ids.RemoveRange(0, dropped);
        }
        return true;
    }
}
