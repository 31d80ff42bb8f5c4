// MARK: - Actor control (public API)

extension Machine {
    /// Starts `op` as actor `actor` and runs it until `until` is hit, it blocks on a lock, or it finishes.
    public func start(actor: String, _ op: Operation, until: PauseTarget?) -> ActorStatus {
        stepped.start(actor: actor, op, until: until) { [unowned self] op in self.runOperation(op) }
    }

    /// Lets a paused or blocked actor continue until `until`, a lock it cannot take, or the end of its operation.
    public func resume(actor: String, until: PauseTarget?) -> ActorStatus {
        stepped.resume(actor: actor, until: until)
    }

    /// Where `actor` is now.
    public func status(of actor: String) -> ActorStatus { stepped.actors[actor]?.status ?? .idle }

    /// Names of the actors that are paused or blocked, sorted.
    public var unfinishedActors: [String] { stepped.unfinishedActors }

    /// Runs every paused or blocked actor to its end without pausing (locks it cannot take fail with -EDEADLK).
    ///
    /// Call before dropping a machine that still has actors mid-operation so their threads end.
    public func abandonActors() { stepped.abandon() }
}
