import IomapEngine
/// SpecKit: chapters to scenarios, runner and report. See Docs/design.md.
public enum SpecKitModule {}
