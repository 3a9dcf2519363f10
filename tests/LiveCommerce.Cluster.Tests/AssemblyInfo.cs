// Each test runs its own redis-server and LiveHost processes; on two cores they must not overlap,
// or failover timings and readiness waits measure the neighbours' load.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
