// DEL key [key ...]
import type { Command } from './types';
import { delGeneric } from './util/del';

/** DEL: remove keys; replies with how many existed. Dirty moves by that count. */
export const delCommand: Command = {
  name: 'del',
  arity: -2,
  flags: ['write'],
  run: delGeneric,
};
