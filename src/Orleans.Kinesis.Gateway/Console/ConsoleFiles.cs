using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace Orleans.Kinesis.Gateway.Console;

/// <summary>The web console: static ES modules, CSS and HTML embedded in this assembly, served under /console/.</summary>
internal static class ConsoleFiles
{
    public const string Path = "/console";

    private static readonly EmbeddedFileProvider Files = new(typeof(ConsoleFiles).Assembly, typeof(ConsoleFiles).Namespace + ".wwwroot");

    /// <summary>Serves the files; must come before routing so that /console/* never reaches the AWS gateway.</summary>
    public static void UseFiles(IApplicationBuilder app)
        => app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            RequestPath = Path,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

    /// <summary>/console/ is the console's page; /console redirects there (routing matches both alike).</summary>
    public static void MapPages(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet(Path, async (HttpContext http) =>
        {
            if (!(http.Request.Path.Value ?? string.Empty).EndsWith('/'))
            {
                http.Response.Redirect(Path + "/");
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.SendFileAsync(Files.GetFileInfo("index.html"), http.RequestAborted);
        }).ExcludeFromDescription();
}
