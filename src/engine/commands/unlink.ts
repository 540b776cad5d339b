// UNLINK key [key ...]
import type { Command } from './types';
import { delGeneric } from './util/del';

/** UNLINK: DEL with the memory reclaimed in the background, which is invisible here. */
export const unlinkCommand: Command = {
  name: 'unlink',
  arity: -2,
  flags: ['write', 'fast'],
  run: delGeneric,
};
