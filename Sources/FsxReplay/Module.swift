import IomapEngine
/// FsxReplay: fsx op logs through the engine. See Docs/design.md.
public enum FsxReplayModule {}
