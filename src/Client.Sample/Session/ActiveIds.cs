namespace LiveCommerce.Client.Session;

/// <summary>The ids of one kind of running thing in the room (sales, auctions...), oldest first, so that <c>latest</c> needs no copied id.</summary>
public sealed class ActiveIds(string kind)
{
    public const string Latest = "latest";

    private readonly Lock _gate = new();
    private readonly List<string> _ids = [];

    public void Reset(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            _ids.Clear();
            _ids.AddRange(ids);
        }
    }

    public void Add(string id)
    {
        lock (_gate)
        {
            _ids.Remove(id);
            _ids.Add(id);
        }
    }

    public void Remove(string id)
    {
        lock (_gate) _ids.Remove(id);
    }

    public bool Contains(string id)
    {
        lock (_gate) return _ids.Contains(id);
    }

    /// <summary>The newest id seen, if any is still running.</summary>
    public string? Newest
    {
        get { lock (_gate) return _ids.Count > 0 ? _ids[^1] : null; }
    }

    /// <summary>The id as typed, or for <c>latest</c> the newest one seen.</summary>
    public string Resolve(string id) =>
        !id.Equals(Latest, StringComparison.OrdinalIgnoreCase) ? id
        : Newest ?? throw new ArgumentException($"no active {kind} seen in this room yet");
}
