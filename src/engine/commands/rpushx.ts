// RPUSHX key element [element ...]
import { lpushxCommand } from './lpushx';
import type { Command } from './types';
import { pushGeneric } from './util/list';

/** RPUSHX: as LPUSHX (same arguments, flags and key specs), pushing onto the tail. */
export const rpushxCommand: Command = {
  ...lpushxCommand,
  name: 'rpushx',
  run(ctx) {
    return pushGeneric(ctx, 'tail', true);
  },
};
