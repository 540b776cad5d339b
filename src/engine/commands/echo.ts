// ECHO message
import { bulk } from '../resp';
import type { Command } from './types';

export const echoCommand: Command = { name: 'echo', arity: 2, flags: ['fast'], run: (ctx) => bulk(ctx.argv[1]) };
