// ECHO message
import { bulk } from '../resp';
import type { Command } from './types';

/** 7.0 echo.json: LOADING, STALE, FAST; 4.0 "F". */
export const echoCommand: Command = {
  name: 'echo',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  flags40: ['fast'],
  acl: ['connection'],
  args: [{ name: 'message', type: 'string' }],
  docs: { complexity: 'O(1)' },
  run: (ctx) => bulk(ctx.argv[1]),
};
