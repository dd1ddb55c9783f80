using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Access;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.WebConsole;

/// <summary>
/// The console over an access store that answers asynchronously, as PostgreSQL does (the SQLite store answers at
/// once): the layout and the page both ask for the signed-in user, and the page must not redirect to sign-in while
/// the layout's lookup of the user's permissions is still running.
/// </summary>
public sealed class ConsoleAsyncStoreTests(ConsoleAsyncStoreTests.Registry registry) : IClassFixture<ConsoleAsyncStoreTests.Registry>
{
    /// <summary>A registry whose <see cref="IAccessStore"/> yields before every answer.</summary>
    public sealed class Registry() : AuthRegistry(new Dictionary<string, string>(), services =>
    {
        ServiceDescriptor original = services.Last(d => d.ServiceType == typeof(IAccessStore));
        services.Remove(original);
        services.AddSingleton(sp => YieldingAccessStore.Wrap((IAccessStore)original.ImplementationFactory!(sp)));
    });

    /// <summary>Forwards every call to the real store; an answer that is a <see cref="ValueTask{T}"/> comes after a yield.</summary>
    public class YieldingAccessStore : DispatchProxy
    {
        private static readonly MethodInfo YieldMethod = typeof(YieldingAccessStore).GetMethod(nameof(YieldAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

        private IAccessStore _target = null!;

        public static IAccessStore Wrap(IAccessStore target)
        {
            IAccessStore proxy = Create<IAccessStore, YieldingAccessStore>();
            ((YieldingAccessStore)(object)proxy)._target = target;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            object? result;
            try
            {
                result = targetMethod!.Invoke(_target, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }

            Type type = targetMethod.ReturnType;
            return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)
                ? YieldMethod.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [result])
                : result;
        }

        private static async ValueTask<T> YieldAsync<T>(ValueTask<T> answer)
        {
            T value = await answer;
            await Task.Yield();
            return value;
        }
    }

    [Fact]
    public async Task EveryPage_ForAReaderJustSignedIn_AnswersOkWithoutRedirectingToSignIn()
    {
        string ns = AuthRegistry.UniqueName("n");
        string reader = await registry.CreateUserAsync(("namespace", ns, "reader"));
        await registry.PushImageAsync($"{ns}/app", "1.0"); // a repository page for one that does not exist answers 404
        var console = new ConsoleClient(registry.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        Assert.Equal(HttpStatusCode.Redirect, await console.SignInAsync(reader, AuthRegistry.Password));

        foreach (string page in new[] { "/ui", "/ui/repositories", $"/ui/repository?name={ns}/app", "/ui/account", "/ui/tokens" })
        {
            using HttpResponseMessage response = await console.Http.GetAsync(page);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }
}
