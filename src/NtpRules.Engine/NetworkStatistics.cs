namespace NtpRules.Engine;

/// <summary>How many nodes of each kind a compiled network has.</summary>
public sealed record NetworkStatistics(int Rules, int TypeNodes, int AlphaNodes, int AlphaMemories, int BetaNodes);
