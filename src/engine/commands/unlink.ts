// UNLINK key [key ...]
import type { Command } from './types';
import { delSpec } from './util/del';

/** UNLINK: DEL with the memory reclaimed in the background, which is invisible here. */
export const unlinkCommand: Command = delSpec(
  'unlink',
  ['write', 'fast'],
  'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
);
