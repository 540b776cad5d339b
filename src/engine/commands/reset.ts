// RESET
//
// networking.c resetCommand (clearClientConnectionState): the connection goes back to how it was
// when it connected — a monitor stops monitoring, a transaction is discarded, db 0 is selected,
// the name is cleared, every subscription is dropped without a confirmation — and answers
// +RESET. CLIENT NO-EVICT stays as it was (7.0.15 keeps it). 7.0 only (6.2 added it).
import { status } from '../resp';
import type { Command } from './types';

/** 7.0 reset.json: NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY. */
export const resetCommand: Command = {
  name: 'reset',
  arity: 1,
  versions: ['7.0'],
  flags: ['noscript', 'loading', 'stale', 'fast', 'no-auth', 'allow-busy'],
  acl: ['connection'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const { srv, client } = ctx;
    if (client.monitor) srv.stopMonitor(client);
    client.multi = null;
    client.db = 0;
    client.name = '';
    srv.pubsub.dropClient(srv, client);
    return status('RESET');
  },
};
