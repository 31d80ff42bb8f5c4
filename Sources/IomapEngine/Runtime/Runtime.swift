// Runtime/: the facade and the runtime. `Machine` owns one mount, one inode (with its page cache) and the
// device, dispatches `Operation`s to the XFS entry points and answers inspections (snapshots, pictures, seek,
// invariants). `KernelRuntime` is the seam model code calls; `DirectRuntime` (perform), `SteppedRuntime` (the
// deterministic actor hand-off) and `InspectionRuntime` (side-effect-free look-ups) implement it over one
// `RuntimeState` (trace, lock table, violations). May call every folder; no other folder calls `Machine`.
