namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// Stands in for the Kubernetes Service and ingress in front of the Api processes: it probes each backend's
/// <c>/health/ready</c> as a readiness probe does (every <see cref="ProbePeriod"/>, out of rotation on the first failure)
/// and sends each request to the next ready backend, round robin. Requests address <see cref="Address"/>.
/// </summary>
public sealed class ReadinessLoadBalancer : IAsyncDisposable
{
    public static readonly Uri Address = new("http://api.balancer.invalid/");
    public static readonly TimeSpan ProbePeriod = TimeSpan.FromMilliseconds(250);

    /// <summary>What a request gets when no backend is ready: an ingress would answer 503.</summary>
    public const string NoneReady = "No Api process is ready.";
    /// <summary>As the manifests' readiness probes wait (<c>timeoutSeconds: 5</c>): a slow answer is not yet a failure.</summary>
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Lock gate = new();
    private readonly List<PlatformProcess> backends = [];
    private readonly HashSet<PlatformProcess> ready = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task probing;
    private int turn;

    public ReadinessLoadBalancer(IEnumerable<PlatformProcess> apis)
    {
        backends.AddRange(apis);
        probing = Task.Run(ProbeUntilStoppedAsync);
    }

    /// <summary>Puts an Api behind the balancer; it takes requests once its readiness probe passes.</summary>
    public void Add(PlatformProcess api)
    {
        lock (gate)
        {
            backends.Add(api);
        }
    }

    /// <summary>Forgets an Api, as Kubernetes does with a pod that is gone.</summary>
    public void Remove(PlatformProcess api)
    {
        lock (gate)
        {
            backends.Remove(api);
            ready.Remove(api);
        }
    }

    /// <summary>Waits until every backend has passed its readiness probe.</summary>
    public async Task WaitUntilAllReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            lock (gate)
            {
                if (backends.All(ready.Contains))
                {
                    return;
                }
            }

            await Task.Delay(ProbePeriod, deadline.Token);
        }
    }

    /// <summary>A client whose requests to <see cref="Address"/> go to a ready backend.</summary>
    public HttpClient CreateClient() => new(new Routing(this)) { Timeout = TimeSpan.FromMinutes(2) };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await probing;
        stop.Dispose();
    }

    private Uri Next()
    {
        lock (gate)
        {
            var candidates = backends.Where(ready.Contains).ToList();
            return candidates.Count == 0
                ? throw new HttpRequestException(NoneReady)
                : candidates[turn++ % candidates.Count].BaseAddress;
        }
    }

    private async Task ProbeUntilStoppedAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            PlatformProcess[] current;
            lock (gate)
            {
                current = [.. backends];
            }

            var results = await Task.WhenAll(current.Select(async api => (api, Ready: await IsReadyAsync(api))));
            lock (gate)
            {
                foreach (var (api, isReady) in results)
                {
                    if (isReady && backends.Contains(api))
                    {
                        ready.Add(api);
                    }
                    else
                    {
                        ready.Remove(api);
                    }
                }
            }

            await Task.Delay(ProbePeriod, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<bool> IsReadyAsync(PlatformProcess api)
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(api.BaseAddress, "/health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private sealed class Routing(ReadinessLoadBalancer balancer) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(balancer.Next(), request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
