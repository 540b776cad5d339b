/** Dependency-free helpers shared by every layer: clocks, seeded randomness, byte strings, events. */
export { type Clock, SimClock } from './clock';
export { type Rng, seededRng, randInt, randomHex } from './rng';
export { binFromBytes, bytesFromBin, utf8ToBin, binToUtf8, concatBytes } from './bytes';
export { Emitter, type Disposer } from './emitter';
