using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Identity;

namespace LiveCommerce.LiveHost.Rooms;

/// <summary>Replay and export (PROTOCOL.md v1.1): the whole room log paged in seq order, and the chat as CSV.</summary>
public static class ReplayEndpoints
{
    private const int DefaultPage = LiveProtocol.MaxLogPage;

    public static void MapReplay(this WebApplication app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Replay");

        rooms.MapGet("/{roomId}/log", (string roomId, long? after, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
            RoomEndpoints.Room(grains, roomId).GetLog(user.ToCaller(), after ?? 0, limit ?? DefaultPage));

        rooms.MapGet("/{roomId}/comments.csv", async (string roomId, ClaimsPrincipal user, IGrainFactory grains, HttpContext context) =>
        {
            // Read everything before writing a byte, so a refusal is still a problem+json answer.
            var rows = await CommentRowsAsync(RoomEndpoints.Room(grains, roomId), user.ToCaller(), context.RequestAborted);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{roomId}-comments.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using var csv = new CsvWriter(writer, CsvConfiguration);
            csv.Context.RegisterClassMap<CommentRowMap>();
            await csv.WriteRecordsAsync(rows, context.RequestAborted);
        });
    }

    /// <summary>
    /// RFC 4180: comma separated, CRLF between records (CsvHelper's default; setting NewLine would make it
    /// quote only fields holding that exact string, not a lone LF), fields quoted when they need it.
    /// </summary>
    private static CsvConfiguration CsvConfiguration { get; } = new(CultureInfo.InvariantCulture);

    private static async Task<List<CommentRow>> CommentRowsAsync(ILiveRoomGrain room, Caller caller, CancellationToken cancel)
    {
        var rows = new List<CommentRow>();
        var byId = new Dictionary<string, CommentRow>();
        long? after = 0;
        while (after is { } from && !cancel.IsCancellationRequested)
        {
            var page = await room.ExportLog(caller, from, LiveProtocol.MaxLogPage);
            foreach (var evt in page.Events)
            {
                if (evt.Data is CommentData c)
                {
                    var row = new CommentRow(evt.Seq!.Value, evt.At, c.UserId, c.Name, c.Text);
                    rows.Add(row);
                    byId[c.CommentId] = row;
                }
                else if (evt.Data is CommentDeletedData d && byId.TryGetValue(d.CommentId, out var deleted))
                {
                    deleted.Deleted = true;
                }
            }
            after = page.NextAfter;
        }
        return rows;
    }

    private sealed class CommentRow(long seq, DateTime at, string userId, string name, string text)
    {
        public long Seq { get; } = seq;
        public DateTime At { get; } = at;
        public string UserId { get; } = userId;
        public string Name { get; } = name;
        public string Text { get; } = text;
        public bool Deleted { get; set; }
    }

    private sealed class CommentRowMap : ClassMap<CommentRow>
    {
        public CommentRowMap()
        {
            Map(r => r.Seq).Name("seq");
            Map(r => r.At).Name("at").Convert(a => a.Value.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            Map(r => r.UserId).Name("userId");
            Map(r => r.Name).Name("name");
            Map(r => r.Text).Name("text");
            Map(r => r.Deleted).Name("deleted").Convert(a => a.Value.Deleted ? "true" : "false");
        }
    }
}
