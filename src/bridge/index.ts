/**
 * The TCP bridge: playground nodes as real servers on loopback, real outbound connections for
 * addresses outside the playground, wall-clock time and a control channel (`npm run serve`).
 * A host-level Node layer (it needs node:net): only the `serve` entry imports it.
 */

export { type BridgeOptions, reasonOf, TcpBridge } from './bridge';
export { CONTROL_HELP, type Control, createControl } from './control';
export { DEFAULT_NODES, DEFAULT_PORT_OFFSET, type Served, type ServeOptions, startServe } from './serve';
export { followWallClock, type WallClock, wallOffsetOf } from './wall-clock';
