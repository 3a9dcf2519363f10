using LiveCommerce.Client.Cli;

namespace LiveCommerce.Client.Connection;

/// <summary>
/// Gets the token the client acts with: the one given with --token, else a dev token for --user from
/// <c>POST /api/dev/token</c>, else none (a guest).
/// </summary>
public static class DevTokens
{
    private sealed record TokenRequest(string UserId, string Role, string? Name, string? Region);

    private sealed record TokenResponse(string Token);

    public static async Task<string?> ResolveAsync(ClientSettings settings, HttpClient http, string defaultRole, CancellationToken ct)
    {
        if (settings.Token is not null) return settings.Token;
        if (settings.User is null) return null;
        var request = new TokenRequest(settings.User, settings.Role ?? defaultRole, settings.Name, settings.Region);
        var response = await HttpJson.SendAsync<TokenResponse>(http, HttpMethod.Post, "api/dev/token", request, token: null, ct);
        return response.Token;
    }
}
