/** Dependency-free helpers shared by every layer: clocks, seeded randomness, byte strings, events. */

export { binFromBytes, binOf, binToUtf8, bytesFromBin, concatBytes, utf8ToBin } from './bytes';
export { type Clock, SimClock } from './clock';
export { type Disposer, Emitter } from './emitter';
export { type Rng, randInt, randomHex, seededRng } from './rng';
