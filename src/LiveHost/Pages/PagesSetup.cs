using Microsoft.Extensions.FileProviders;

namespace LiveCommerce.LiveHost.Pages;

/// <summary>
/// Serves the browser pages built from ClientApp (home, viewer page, studio): hashed assets with a long
/// cache life, and one HTML file per route. The files sit next to the assembly (the build copies them), so
/// the host and the tests serve the same build wherever they run from.
/// </summary>
public static class PagesSetup
{
    private static readonly (string Pattern, string File)[] Routes =
    [
        ("/", "index.html"),
        ("/r/{roomId}", "viewer.html"),
        ("/studio", "studio.html"),
        ("/studio/{roomId}", "studio.html"),
    ];

    public static void MapLivePages(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(root, "viewer.html")))
        {
            app.Logger.LogWarning("The pages are not built ({Root} has no viewer.html): build with Node.js 20+ on PATH to serve them", root);
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context =>
            {
                // Vite names assets by content hash: a changed file has a new name.
                if (context.Context.Request.Path.StartsWithSegments("/assets"))
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });

        foreach (var (pattern, file) in Routes)
        {
            var path = Path.Combine(root, file);
            app.MapGet(pattern, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.File(path, "text/html; charset=utf-8");
            }).ExcludeFromDescription();
        }
    }
}
