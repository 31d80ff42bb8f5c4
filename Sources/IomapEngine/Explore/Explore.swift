// Explore/: the interleaving explorer over the engine (spec: validity-cookies/explore-xfs-559).
//
// It owns the search over schedules of racing actors: one schedule run replayed from the start on a fresh
// `Machine` (ScheduleRun), the state fingerprint for pruning (StateFingerprint), the exhaustive search bounded
// by preemptions with iterative deepening (Explorer), randomized PCT (PCT), and the results. It drives the
// stepped runtime's explorer mode (Runtime/SteppedRuntime.swift) and reads the engine only through `Machine`.
