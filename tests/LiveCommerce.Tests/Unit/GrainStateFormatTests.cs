using System.Reflection;
using System.Runtime.CompilerServices;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.LiveHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveCommerce.Tests.Unit;

/// <summary>
/// Grain storage writes Orleans' binary format (GrainStorageFormat): every state a grain persists, and
/// everything it holds, must be a [GenerateSerializer] contract whose stored members carry an [Id].
/// A member without one would be silently dropped on the next activation.
/// </summary>
public sealed class GrainStateFormatTests
{
    private static readonly Assembly[] Ours = [typeof(FlashSaleState).Assembly, typeof(Order).Assembly];

    private static IGrainStorageSerializer Format()
    {
        var services = new ServiceCollection()
            .AddSerializer(b => { foreach (var assembly in Ours) b.AddAssembly(assembly); })
            .BuildServiceProvider();
        return GrainStorageFormat.Binary(services);
    }

    /// <summary>The T of every IPersistentState&lt;T&gt; a grain constructor asks for.</summary>
    public static TheoryData<string> StateTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in PersistedStates()) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> PersistedStates() => Ours[0].GetTypes()
        .SelectMany(t => t.GetConstructors())
        .SelectMany(c => c.GetParameters())
        .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
        .Select(p => p.ParameterType.GetGenericArguments()[0])
        .Distinct();

    [Fact]
    public void The_grains_persist_states()
    {
        Assert.Contains(typeof(FlashSaleState), PersistedStates());
        Assert.Contains(typeof(BuyerState), PersistedStates());
        Assert.Contains(typeof(OrderState), PersistedStates());
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void A_state_and_everything_it_holds_is_a_serialization_contract(string stateType)
    {
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([Ours[0].GetType(stateType, throwOnError: true)!]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            foreach (var held in Check(type, problems)) pending.Enqueue(held);
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void A_new_state_round_trips_through_the_binary_format(string stateType)
    {
        var type = Ours[0].GetType(stateType, throwOnError: true)!;
        var format = Format();
        var bytes = Serialize(format, type, Activator.CreateInstance(type)!);
        var back = Deserialize(format, type, bytes);
        Assert.IsType(type, back);
        Assert.Equal(bytes.ToArray(), Serialize(format, type, back).ToArray());
    }

    [Fact]
    public void A_sale_with_reservations_and_a_buyer_with_a_wallet_come_back_whole()
    {
        var format = Format();
        var sale = new FlashSaleState { Remaining = 3, Sold = 1, Returned = 2, Status = FlashSaleStatus.Ended, EndReason = FlashSaleEndReason.SoldOut };
        sale.Reservations["o1"] = new Reservation
        {
            UserId = "u1", Quantity = 2, ExpiresAt = new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc), Status = OrderStatus.PendingPayment,
            IdempotencyKey = "u1\nk", CreatedAt = new DateTime(2026, 11, 24, 1, 55, 0, DateTimeKind.Utc), BuyerName = "Ann",
        };
        sale.OrderByKey["u1\nk"] = "o1";
        sale.Buyers["u2"] = new SaleBuyer { PaidUnits = 1, Closed = 3 };
        sale.Outbox.Pending.Add(new SettleOnShelf("end", 0, 2));

        var back = format.Deserialize<FlashSaleState>(format.Serialize(sale))!;

        Assert.Equal((3, 1, 2, FlashSaleStatus.Ended, FlashSaleEndReason.SoldOut), (back.Remaining, back.Sold, back.Returned, back.Status, back.EndReason));
        var reservation = Assert.Single(back.Reservations).Value;
        Assert.Equal(("u1", 2, OrderStatus.PendingPayment, "u1\nk", "Ann"), (reservation.UserId, reservation.Quantity, reservation.Status, reservation.IdempotencyKey, reservation.BuyerName));
        Assert.Equal(sale.Reservations["o1"].ExpiresAt, reservation.ExpiresAt);
        Assert.Equal("o1", back.OrderByKey["u1\nk"]);
        Assert.Equal((1, 3), (back.Buyers["u2"].PaidUnits, back.Buyers["u2"].Closed));
        Assert.Equal(new SettleOnShelf("end", 0, 2), Assert.Single(back.Outbox.Pending));

        var buyer = new BuyerState { ArchivedPages = 2 };
        buyer.OpenOrders["o1"] = sale.Reservations["o1"].ExpiresAt;
        buyer.Orders.Add("o1");
        buyer.Wallet.Applied = ("c1", 4);
        var buyerBack = format.Deserialize<BuyerState>(format.Serialize(buyer))!;
        Assert.Equal(2, buyerBack.ArchivedPages);
        Assert.Equal(["o1"], buyerBack.Orders);
        Assert.Equal(buyer.OpenOrders, buyerBack.OpenOrders);
        Assert.Equal(("c1", 4), buyerBack.Wallet.Applied);
    }

    private static BinaryData Serialize(IGrainStorageSerializer format, Type type, object value) =>
        (BinaryData)typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Serialize))!.MakeGenericMethod(type).Invoke(format, [value])!;

    private static object Deserialize(IGrainStorageSerializer format, Type type, BinaryData bytes) =>
        typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Deserialize))!.MakeGenericMethod(type).Invoke(format, [bytes])!;

    /// <summary>Reports what would not be stored; returns our types held by this one (to check in turn).</summary>
    private static IEnumerable<Type> Check(Type type, List<string> problems)
    {
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments()) yield return argument;
            if (!IsOurs(type)) yield break;
        }
        if (type.IsArray)
        {
            yield return type.GetElementType()!;
            yield break;
        }
        if (!IsOurs(type) || type.IsEnum || type.IsInterface) yield break;
        if (type.IsAbstract)
        {
            // Polymorphic members (outbox follow-ups, event data): every concrete kind is stored.
            foreach (var kind in Ours.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && type.IsAssignableFrom(t))) yield return kind;
        }
        if (type.GetCustomAttribute<GenerateSerializerAttribute>() is null)
        {
            problems.Add($"{type.FullName} has no [GenerateSerializer]");
            yield break;
        }
        const BindingFlags members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && IsOurs(t); t = t.BaseType)
        {
            foreach (var property in t.GetProperties(members))
            {
                // A property with a setter (private or init included) holds data; a getter alone is computed.
                if (property.SetMethod is null || property.GetIndexParameters().Length > 0) continue;
                if (property.Name == "EqualityContract") continue;
                if (!HasId(property)) problems.Add($"{t.FullName}.{property.Name} has no [Id]: it would not be stored");
                yield return property.PropertyType;
            }
            foreach (var field in t.GetFields(members))
            {
                if (field.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || field.Name.Contains('<')) continue;
                // Caches worked out again from the stored members are marked so.
                if (field.IsStatic || field.GetCustomAttribute<NonSerializedAttribute>() is not null) continue;
                if (HasId(field)) yield return field.FieldType;
                else if (!field.IsInitOnly) problems.Add($"{t.FullName}.{field.Name} (field) has no [Id]: it would not be stored");
            }
        }
    }

    private static bool HasId(MemberInfo member) => member.GetCustomAttribute<IdAttribute>() is not null;

    private static bool IsOurs(Type type) => Ours.Contains(type.Assembly);
}
