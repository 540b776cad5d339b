// RESET
//
// networking.c resetCommand (clearClientConnectionState): the connection goes back to how it was
// when it connected — a monitor stops monitoring, tracking is switched off, a transaction is
// discarded, db 0 and RESP2 are selected, the name is cleared, every subscription is dropped
// without a confirmation, CLIENT REPLY is back ON — and answers +RESET. CLIENT NO-EVICT stays as it was (7.0.15 keeps it). 7.0 only (6.2 added it).
import { status } from '../resp';
import { disableTracking } from '../tracking';
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
    disableTracking(srv, client);
    client.multi = null;
    srv.unwatch(client);
    client.db = 0;
    client.resp = 2;
    client.replyOff = false;
    client.replySkipNext = false;
    client.name = '';
    srv.pubsub.dropClient(srv, client);
    return status('RESET');
  },
};
