// The simulator's public surface.
export { simulate, createSimulation, DEFAULT_UNTIL_MS } from './createSimulation';
export type { Simulation, SimulationResult } from './createSimulation';
export type * from './trace/records';
export type { Packet, TcpHeader, UdpHeader, IcmpMessage, TcpOption, FlagName } from './net/packet';
export { PROFILES, PROFILE_DIFFERENCES, resolveTcpOptions } from './tcp/profiles';
export type { TcpOptions, Profile } from './tcp/profiles';
export { DIAGRAM_TRANSITIONS, isDiagramTransition } from './tcp/transitions';
