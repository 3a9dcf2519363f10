namespace LiveCommerce.LiveHost.Hosting;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>): on in Development, elsewhere only with <c>OpenApi:Enabled=true</c>.</summary>
public static class OpenApiSetup
{
    public static void MapLiveOpenApi(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool?>("OpenApi:Enabled") ?? app.Environment.IsDevelopment()) app.MapOpenApi();
    }
}
