using LiveCommerce.Contracts.Errors;
using Polly;

namespace LiveCommerce.LiveHost.Translation;

/// <summary>Turns a provider that cannot be reached into the protocol's retryable <c>unavailable</c>.</summary>
public static class ProviderCall
{
    public static async Task<T> RunAsync<T>(string provider, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException or TimeoutException
                                      or System.Text.Json.JsonException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The resilience pipeline has already retried (and may have opened its circuit).
            throw LiveCommerceException.Unavailable($"the translator ({provider}) cannot be reached now; try again shortly");
        }
    }

    /// <summary>A non-success answer that is not about the request itself: the provider is unwell.</summary>
    public static LiveCommerceException Failed(string provider, HttpResponseMessage response) =>
        LiveCommerceException.Unavailable($"the translator ({provider}) answered {(int)response.StatusCode}; try again shortly");
}
