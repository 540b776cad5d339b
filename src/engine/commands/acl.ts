// ACL CAT | DELUSER | DRYRUN | GENPASS | GETUSER | HELP | LIST | LOAD | LOG | SAVE | SETUSER |
// USERS | WHOAMI (7.0 only)
//
// The playground has one user, `default`, with every permission (all keys, all channels, all
// commands): what ACL SETUSER can change is whether it is on or off and its passwords (on, off,
// nopass, resetpass, >pass, <pass, #hash, !hash) — rules that grant what it already has (allkeys,
// ~*, allchannels, &*, allcommands, +@all) are accepted and change nothing. Rules that would take a
// permission away, and any other user, are refused with an error that says so (Redis would apply
// them); DRYRUN checks the command exists and its arity, as every command is allowed.

import { arityOk, resolveCommand, subcommandInfo } from '../dispatch';
import { array, bulk, bulkArray, ERR, error, int, map, OK, type Reply, status } from '../resp';
import { allCommands } from '.';
import { aclSubcommands } from './acl-subcommands';
import type { Command, Ctx } from './types';
import { aclCategories, aclCategoryByName, type Introspected, introspect } from './util/cmdinfo';
import { formatDouble17g } from './util/float';
import { helpReply } from './util/help';
import { sha256Hex } from './util/sha256';

const NO_ACL_FILE =
  'ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.';

/** ACL LIST's line of the default user: flags, passwords, then its (full) permissions. */
function describe(ctx: Ctx): string {
  const u = ctx.srv.acl;
  const parts = ['user', 'default', u.enabled ? 'on' : 'off'];
  if (u.nopass) parts.push('nopass');
  for (const h of u.passwords) parts.push(`#${h}`);
  parts.push('~*', '&*', '+@all');
  return parts.join(' ');
}

/** Rules that grant what the default user already has. */
const GRANTED = new Set(['allkeys', '~*', 'allchannels', '&*', 'allcommands', '+@all']);

const HASH_ERR = 'The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters';
const NO_SUCH_PASS = 'The password you are trying to remove from the user does not exist';

function setuser(ctx: Ctx): Reply {
  const argv = ctx.argv;
  if (argv[2] !== 'default')
    return error(
      `ERR the playground has only the 'default' user: ACL SETUSER of '${argv[2]}' is not supported (real Redis would create or change that user)`,
    );
  const u = ctx.srv.acl;
  // Applied to a copy, then kept only if every rule was valid (as Redis does).
  let enabled = u.enabled;
  let nopass = u.nopass;
  let passwords = u.passwords.slice();
  for (const rule of argv.slice(3)) {
    const r = rule.toLowerCase();
    const fail = (why: string) => error(`ERR Error in ACL SETUSER modifier '${rule}': ${why}`);
    if (r === 'on') enabled = true;
    else if (r === 'off') enabled = false;
    else if (r === 'nopass') {
      nopass = true;
      passwords = [];
    } else if (r === 'resetpass') {
      nopass = false;
      passwords = [];
    } else if (rule.startsWith('>') || rule.startsWith('#')) {
      const h = rule.startsWith('>') ? sha256Hex(rule.slice(1)) : rule.slice(1);
      if (!/^[0-9a-f]{64}$/.test(h)) return fail(HASH_ERR);
      if (!passwords.includes(h)) passwords.push(h);
      nopass = false;
    } else if (rule.startsWith('<') || rule.startsWith('!')) {
      const h = rule.startsWith('<') ? sha256Hex(rule.slice(1)) : rule.slice(1);
      if (rule.startsWith('!') && !/^[0-9a-f]{64}$/.test(h)) return fail(HASH_ERR);
      if (!passwords.includes(h)) return fail(NO_SUCH_PASS);
      passwords = passwords.filter((p) => p !== h);
    } else if (GRANTED.has(r)) {
      // The default user has every key, channel and command already.
    } else if (/^(reset|resetkeys|resetchannels|nocommands|-.*|~.*|%.*|&.*|\+.*|\(.*)$/.test(r)) {
      return error(
        `ERR the playground's default user keeps every permission: ACL SETUSER rule '${rule}' is not supported`,
      );
    } else {
      return fail('Syntax error');
    }
  }
  u.enabled = enabled;
  u.nopass = nopass;
  u.passwords = passwords;
  return OK;
}

function getuser(ctx: Ctx): Reply {
  if (ctx.argv[2] !== 'default') return bulk(null);
  const u = ctx.srv.acl;
  const flags = [u.enabled ? 'on' : 'off'];
  if (u.nopass) flags.push('nopass');
  return map([
    bulk('flags'),
    // 7.0 answers flags as a set (addReplySetLen).
    { t: 'set', items: flags.map((f) => bulk(f)) },
    bulk('passwords'),
    bulkArray(u.passwords),
    bulk('commands'),
    bulk('+@all'),
    bulk('keys'),
    bulk('~*'),
    bulk('channels'),
    bulk('&*'),
    bulk('selectors'),
    array([]),
  ]);
}

function log(ctx: Ctx): Reply {
  const srv = ctx.srv;
  let count = 10;
  if (ctx.argv.length > 3) return error("ERR unknown subcommand or wrong number of arguments for 'log'. Try ACL HELP.");
  if (ctx.argv.length === 3) {
    const a = ctx.argv[2];
    if (a.toLowerCase() === 'reset') {
      srv.aclLog.length = 0;
      return OK;
    }
    if (!/^-?\d+$/.test(a) || Math.abs(Number(a)) > 2 ** 63) return ERR.notInteger;
    count = Number(a);
  }
  // A negative count runs the C loop (count--) until the list ends: every entry.
  const shown = count < 0 ? srv.aclLog : srv.aclLog.slice(0, count);
  return array(
    shown.map((e) =>
      map([
        bulk('count'),
        int(e.count),
        bulk('reason'),
        bulk(e.reason),
        bulk('context'),
        bulk(e.context),
        bulk('object'),
        bulk(e.object),
        bulk('username'),
        bulk(e.username),
        bulk('age-seconds'),
        { t: 'double', s: formatDouble17g((srv.mstime - e.updated) / 1000) },
        bulk('client-info'),
        bulk(e.clientInfo),
      ]),
    ),
  );
}

function genpass(ctx: Ctx): Reply {
  let bits = 256;
  if (ctx.argv.length > 3) return ERR.syntax;
  if (ctx.argv.length === 3) {
    const a = ctx.argv[2];
    if (!/^-?\d+$/.test(a) || Math.abs(Number(a)) > 2 ** 63) return ERR.notInteger;
    bits = Number(a);
    if (bits <= 0 || bits > 4096)
      return error(
        'ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096',
      );
  }
  // One hex digit per 4 bits, rounded up, from the node's rng (the playground's randomness).
  const chars = Math.ceil(bits / 4);
  let out = '';
  for (let i = 0; i < chars; i++) out += Math.floor(ctx.srv.opts.rng.next() * 16).toString(16);
  return bulk(out);
}

function cat(ctx: Ctx): Reply {
  const cats = [
    'keyspace',
    'read',
    'write',
    'set',
    'sortedset',
    'list',
    'hash',
    'string',
    'bitmap',
    'hyperloglog',
    'geo',
    'stream',
    'pubsub',
    'admin',
    'fast',
    'slow',
    'blocking',
    'dangerous',
    'connection',
    'transaction',
    'scripting',
  ];
  if (ctx.argv.length === 2) return bulkArray(cats);
  if (ctx.argv.length > 3) return ERR.syntax;
  const want = aclCategoryByName(ctx.argv[2]);
  if (want === undefined) return error(`ERR Unknown category '${ctx.argv[2]}'`);
  const out: Reply[] = [];
  const walk = (cs: readonly Introspected[]) => {
    for (const c of cs) {
      if (aclCategories(c.spec).includes(want)) out.push(bulk(c.fullName));
      walk(c.subs);
    }
  };
  walk(allCommands('7.0').map(introspect));
  return array(out);
}

function dryrun(ctx: Ctx): Reply {
  const argv = ctx.argv;
  if (argv[2] !== 'default') return error(`ERR User '${argv[2]}' not found`);
  const cmdArgv = argv.slice(3);
  const r = resolveCommand(cmdArgv[0], '7.0');
  if (r === null) return error(`ERR Command '${cmdArgv[0]}' not found`);
  const info = (r.cmd.subcommands !== undefined && cmdArgv.length >= 2 && subcommandInfo(r.cmd, cmdArgv[1])) || r.info;
  if (!arityOk(info.arity, cmdArgv.length))
    return error(`ERR wrong number of arguments for '${info.fullName ?? r.name}' command`);
  return OK;
}

export const aclCommand: Command = {
  name: 'acl',
  arity: -2,
  versions: ['7.0'],
  flags: [],
  docs: { complexity: 'Depends on subcommand.' },
  subcommands: aclSubcommands,
  run(ctx) {
    const argv = ctx.argv;
    switch (argv[1].toLowerCase()) {
      case 'whoami':
        return bulk('default');
      case 'users':
        return bulkArray(['default']);
      case 'list':
        return bulkArray([describe(ctx)]);
      case 'getuser':
        return getuser(ctx);
      case 'setuser':
        return setuser(ctx);
      case 'deluser': {
        if (argv.slice(2).includes('default')) return error("ERR The 'default' user cannot be removed");
        return int(0);
      }
      case 'log':
        return log(ctx);
      case 'genpass':
        return genpass(ctx);
      case 'cat':
        return cat(ctx);
      case 'dryrun':
        return dryrun(ctx);
      case 'load':
      case 'save':
        return error(NO_ACL_FILE);
      default:
        return helpReply(argv[0], '7.0') ?? status('OK');
    }
  },
};
