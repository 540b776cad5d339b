// XGROUP CREATE key group <id | $> [MKSTREAM] [ENTRIESREAD n] | XGROUP SETID key group <id | $>
// [ENTRIESREAD n] | XGROUP DESTROY key group | XGROUP CREATECONSUMER key group consumer |
// XGROUP DELCONSUMER key group consumer | XGROUP HELP
//
// t_stream.c xgroupCommand: consumer groups of a stream. Options are checked first, then the key
// (it must exist unless CREATE has MKSTREAM) and the group. Every change is propagated as typed.
// 7.0 only, a container command (the server checks the subcommand and its arity).

import { signalKeyAsReady } from '../blocking';
import { ERR, error, int, OK, type Reply } from '../resp';
import { newStream, newStreamGroup, type RStream } from '../stream';
import type { Command } from './types';
import { eqi } from './util/args';
import { helpReply, subcommandSyntaxError } from './util/help';
import { parseLL } from './util/int';
import { INVALID_ID, isStream, parseId } from './util/stream';
import { xgroupSubcommands } from './xgroup-subcommands';

export const xgroupCommand: Command = {
  name: 'xgroup',
  versions: ['7.0'],
  arity: -2,
  flags: [],
  subcommands: xgroupSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx): Reply {
    const argv = ctx.argv;
    const sub = argv[1].toLowerCase();
    let s: RStream | undefined;
    let mkstream = false;
    let entriesRead = -1n;
    const group = argv[3];
    if (argv.length >= 4) {
      for (let i = 5; i < argv.length; ) {
        if (sub === 'create' && eqi(argv[i], 'mkstream')) {
          mkstream = true;
          i++;
        } else if ((sub === 'create' || sub === 'setid') && eqi(argv[i], 'entriesread') && i + 1 < argv.length) {
          const v = parseLL(argv[i + 1]);
          if (v === null) return ERR.notInteger;
          if (v < 0n && v !== -1n) return error('ERR value for ENTRIESREAD must be positive or -1');
          entriesRead = v;
          i += 2;
        } else {
          return subcommandSyntaxError(argv);
        }
      }
      const o = ctx.lookupWrite(argv[2]);
      if (o !== undefined) {
        if (!isStream(o)) return ERR.wrongType;
        s = o;
      }
    }
    const cg = s && argv.length >= 4 ? s.groups.get(group) : undefined;
    if (argv.length >= 4 && !mkstream) {
      if (s === undefined) {
        return error(
          'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
        );
      }
      if (cg === undefined && (sub === 'setid' || sub === 'createconsumer' || sub === 'delconsumer')) {
        return error(`NOGROUP No such consumer group '${group}' for key name '${argv[2]}'`);
      }
    }
    if (sub === 'help' && argv.length === 2) return helpReply(argv[0], ctx.version)!;
    if (sub === 'create' && argv.length >= 5 && argv.length <= 8) {
      let id: bigint;
      if (argv[4] === '$') {
        id = s ? s.lastId : 0n;
      } else {
        const p = parseId(argv[4], 0n, true);
        if (p === null) return INVALID_ID;
        id = p.id;
      }
      if (s === undefined) {
        s = newStream();
        ctx.setKey(argv[2], s);
      }
      if (s.groups.has(group)) return error('BUSYGROUP Consumer Group name already exists');
      s.groups.set(group, newStreamGroup(group, id, entriesRead));
      ctx.dirty();
      return OK;
    }
    if (sub === 'setid' && (argv.length === 5 || argv.length === 7) && s && cg) {
      let id: bigint;
      if (argv[4] === '$') {
        id = s.lastId;
      } else {
        const p = parseId(argv[4], 0n, false);
        if (p === null) return INVALID_ID;
        id = p.id;
      }
      cg.lastId = id;
      cg.entriesRead = entriesRead;
      ctx.dirty();
      return OK;
    }
    if (sub === 'destroy' && argv.length === 4 && s) {
      if (!cg) return int(0);
      s.groups.delete(group);
      ctx.dirty();
      // Its XREADGROUP waiters are answered NOGROUP.
      signalKeyAsReady(ctx.srv, ctx.db.id, argv[2]);
      return int(1);
    }
    if (sub === 'createconsumer' && argv.length === 5 && cg) {
      if (cg.consumers.has(argv[4])) return int(0);
      cg.consumers.set(argv[4], { name: argv[4], seenTime: ctx.now, pel: new Set() });
      ctx.dirty();
      return int(1);
    }
    if (sub === 'delconsumer' && argv.length === 5 && cg) {
      const c = cg.consumers.get(argv[4]);
      if (!c) return int(0);
      // streamDelConsumer: its pending entries leave the group's PEL too.
      for (const id of c.pel) cg.pel.delete(id);
      cg.consumers.delete(argv[4]);
      ctx.dirty();
      return int(c.pel.size);
    }
    return subcommandSyntaxError(argv);
  },
};
