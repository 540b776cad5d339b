// DEL key [key ...]
import type { Command } from './types';
import { delSpec } from './util/del';

/** DEL: remove keys; replies with how many existed. Dirty moves by that count. */
export const delCommand: Command = delSpec(
  'del',
  ['write'],
  'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).',
);
