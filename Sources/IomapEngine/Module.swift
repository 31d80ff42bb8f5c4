/// IomapEngine: the kernel model. See Docs/design.md.
public enum IomapEngineModule {}
