using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Translation;
using LiveCommerce.Grains.Telemetry;
using LiveCommerce.LiveHost.Rooms;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Translation;

/// <summary>
/// <c>TranslateComments</c>: checks the call, rate-limits the connection, takes the comments from the
/// room's live log window and translates each through the cache (per comment and target language;
/// shared between hosts through Redis in a cluster), so a popular comment costs the engine one call.
/// </summary>
public sealed class CommentTranslator : IDisposable
{
    private const int Parallelism = 4;
    private readonly ITranslator _translator;
    private readonly HybridCache _cache;
    private readonly IGrainFactory _grains;
    private readonly TranslationOptions _options;
    private readonly PartitionedRateLimiter<string> _perConnection;
    private readonly HybridCacheEntryOptions _entry;
    private readonly LiveCommerceMetrics _metrics;

    public CommentTranslator(ITranslator translator, HybridCache cache, IGrainFactory grains, IOptions<TranslationOptions> options, LiveCommerceMetrics metrics)
    {
        _metrics = metrics;
        _translator = translator;
        _cache = cache;
        _grains = grains;
        _options = options.Value;
        var window = TimeSpan.FromSeconds(_options.WindowSeconds);
        _perConnection = PartitionedRateLimiter.Create<string, string>(connection => RateLimitPartition.GetFixedWindowLimiter(connection,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _options.CallsPerWindow, Window = window, QueueLimit = 0, AutoReplenishment = true }));
        var lifetime = TimeSpan.FromMinutes(_options.CacheMinutes);
        _entry = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
    }

    public async Task<TranslatedComment[]> TranslateAsync(string connectionId, string? roomId, string[]? commentIds, string? targetLanguage, CancellationToken cancellationToken)
    {
        var room = RoomEndpoints.Room(_grains, roomId);
        if (commentIds is null || commentIds.Length is 0 or > LiveProtocol.MaxTranslateComments)
            throw LiveCommerceException.Invalid($"commentIds must hold 1..{LiveProtocol.MaxTranslateComments} ids");
        var target = LanguageCodes.Base(targetLanguage) is { } code && code == targetLanguage?.Trim().ToLowerInvariant()
            ? code
            : throw LiveCommerceException.Invalid("targetLanguage must be an ISO 639-1 code such as en or es");
        if (!_options.Enabled)
            throw LiveCommerceException.Unavailable("comment translation is not enabled on this server (Translation:Provider is none)");
        using (var lease = _perConnection.AttemptAcquire(connectionId))
        {
            if (!lease.IsAcquired)
                throw LiveCommerceException.RateLimited($"at most {_options.CallsPerWindow} translation calls per {_options.WindowSeconds} s");
        }

        var window = await room.GetWindowComments(commentIds);
        var source = LanguageCodes.Base(window.Language);
        var results = new TranslatedComment[window.Comments.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, cancel) =>
            {
                var comment = window.Comments[i];
                var called = false;
                var translated = source == target
                    ? new Translated(comment.Text, source)
                    : await _cache.GetOrCreateAsync(
                        CacheKey(roomId!, comment.CommentId, target, comment.Text),
                        (comment.Text, source, target),
                        async (args, token) =>
                        {
                            called = true;
                            try
                            {
                                var answer = await _translator.TranslateAsync(args.Text, args.source, args.target, token);
                                _metrics.TranslationCalled(succeeded: true);
                                return answer;
                            }
                            catch
                            {
                                _metrics.TranslationCalled(succeeded: false);
                                throw;
                            }
                        },
                        _entry, cancellationToken: cancel);
                if (source != target && !called) _metrics.TranslationCacheHit();
                results[i] = new TranslatedComment
                {
                    CommentId = comment.CommentId,
                    Text = translated.Text,
                    SourceLanguage = translated.SourceLanguage,
                    TargetLanguage = target,
                };
            });
        return results;
    }

    /// <summary>
    /// Per comment and target language. The text's hash is in the key too: a room whose log was lost and
    /// restarted (a new epoch) hands out the same comment ids again for other comments.
    /// </summary>
    private static string CacheKey(string roomId, string commentId, string target, string text) =>
        $"translation:{roomId}:{commentId}:{target}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8)}";

    public void Dispose() => _perConnection.Dispose();
}
