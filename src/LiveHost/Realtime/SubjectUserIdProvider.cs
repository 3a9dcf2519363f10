using LiveCommerce.LiveHost.Identity;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>Personal frames go to <c>Clients.User(sub)</c>: every connection of the user, on every host.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.ToCaller().UserId;
}
