using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveCommerce.Client.Connection;

/// <summary>JSON over HTTP the way the server speaks it: camelCase, nulls left out, problem+json on failure.</summary>
public static class HttpJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<T> SendAsync<T>(HttpClient http, HttpMethod method, string path, object? body, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Options);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await ProblemAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(Options, ct)
            ?? throw new ServerErrorException("invalid_response", $"{method} {path} returned an empty body", (int)response.StatusCode);
    }

    /// <summary>Reads the problem+json <c>code</c> and <c>detail</c>; falls back to the status when the body is something else.</summary>
    private static async Task<ServerErrorException> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            return new ServerErrorException(code ?? $"http_{status}", detail ?? title ?? response.ReasonPhrase ?? "", status);
        }
        catch (JsonException)
        {
            return new ServerErrorException($"http_{status}", string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "" : text.Trim(), status);
        }
    }
}
