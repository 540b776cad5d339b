// QUIT — answer +OK and close the connection once the reply is flushed. Client libraries send it
// when they close, so it must work in every state: inside MULTI it runs at once (never queued),
// with arguments it is still a QUIT (arity -1). In 7.0 it is a command of the table (COMMAND
// INFO and commandstats know it); 4.0 handles it in processCommand before any lookup, so there
// it is no command at all (see Server.processCommand).
import { OK } from '../resp';
import type { Command } from './types';

/** 7.0 quit.json: ALLOW_BUSY, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH. */
export const quitCommand: Command = {
  name: 'quit',
  arity: -1,
  versions: ['7.0'],
  flags: ['noscript', 'loading', 'stale', 'fast', 'no-auth', 'allow-busy'],
  acl: ['connection'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    ctx.client.closeAfterReply = true;
    return OK;
  },
};
