namespace NtpRules.Engine;

/// <summary>How many nodes of each kind a compiled network has. <see cref="AlphaSwitches"/>: groups of equality
/// conditions decided by one hash lookup (see <see cref="FactCondition.Equal"/>).</summary>
public sealed record NetworkStatistics(int Rules, int TypeNodes, int AlphaNodes, int AlphaMemories, int BetaNodes,
    int AlphaSwitches = 0);
