/**
 * What COMMAND INFO and COMMAND DOCS print about a command, worked out from its definition
 * (types.ts CommandSpec) the way redis-server does it at start-up and when it replies:
 * - the flags in Redis's own order, hidden ones left out, `movablekeys` derived from the key specs;
 * - the ACL categories: the declared ones plus those implied by the flags (setImplicitACLCategories),
 *   in Redis's category order;
 * - the legacy first key / last key / step, derived from the key specs (populateCommandLegacyRangeSpec);
 * - the 7.0 reply shapes (RESP2: sets and maps are flat arrays).
 * The summary, since and group of COMMAND DOCS come from lib's help table.
 */
import { commandHelp } from '../../../lib';
import { array, bulk, int, map, NIL, type Reply, setReply, status } from '../../resp';
import type { AclCategory, Arg, Command, CommandSpec, KeySpec, KeySpecFlag } from '../types';

/** A command or a 7.0 subcommand, with the full name COMMAND prints (`config|get`). */
export interface Introspected {
  readonly fullName: string;
  readonly spec: CommandSpec;
  /** The container's subcommands, full names attached. */
  readonly subs: readonly Introspected[];
}

/** A command table entry as COMMAND sees it in 7.0 (with its subcommands). */
export function introspect(cmd: Command): Introspected {
  const subs = Object.entries(cmd.subcommands ?? {}).map(([sub, spec]) => ({
    fullName: `${cmd.name}|${sub}`,
    spec,
    subs: [],
  }));
  return { fullName: cmd.name, spec: cmd, subs };
}

/** 7.0's COMMAND INFO flag names in reply order (addReplyFlagsForCommand); `module` never applies. */
const FLAGS_70 = [
  'write',
  'readonly',
  'denyoom',
  'admin',
  'pubsub',
  'noscript',
  'blocking',
  'loading',
  'stale',
  'skip_monitor',
  'skip_slowlog',
  'asking',
  'fast',
  'no_auth',
  'no_mandatory_keys',
  'no_async_loading',
  'no_multi',
  'movablekeys',
  'allow_busy',
];

/** 4.0's, likewise (addReplyCommand); `movablekeys` for a command with a getkeys_proc (SORT). */
const FLAGS_40 = [
  'write',
  'readonly',
  'denyoom',
  'admin',
  'pubsub',
  'noscript',
  'random',
  'sort_for_script',
  'loading',
  'stale',
  'skip_monitor',
  'asking',
  'fast',
  'movablekeys',
];

const ACL_ORDER: readonly AclCategory[] = [
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

/** An ACL category by name, case-insensitively (ACLGetCommandCategoryFlagByName), or undefined. */
export function aclCategoryByName(name: string): AclCategory | undefined {
  const lower = name.toLowerCase();
  return ACL_ORDER.find((c) => c === lower);
}

const KEY_FLAG_ORDER: readonly KeySpecFlag[] = [
  'RO',
  'RW',
  'OW',
  'RM',
  'access',
  'update',
  'insert',
  'delete',
  'not_key',
  'incomplete',
  'variable_flags',
];

/** Key flags as a set reply, in Redis's order (addReplyFlagsForKeyArgs). */
export function keyFlagsReply(flags: readonly KeySpecFlag[]): Reply {
  return setReply(KEY_FLAG_ORDER.filter((f) => flags.includes(f)).map((f) => status(f)));
}

/** Every ACL category of a command: the declared ones and those its flags imply. */
export function aclCategories(spec: CommandSpec): AclCategory[] {
  const cats = new Set<AclCategory>(spec.acl ?? []);
  const has = (f: string) => (spec.flags as readonly string[]).includes(f);
  if (has('write')) cats.add('write');
  if (has('readonly') && !cats.has('scripting')) cats.add('read');
  if (has('admin')) cats.add('admin').add('dangerous');
  if (has('pubsub')) cats.add('pubsub');
  if (has('fast')) cats.add('fast');
  if (has('blocking')) cats.add('blocking');
  if (!cats.has('fast')) cats.add('slow');
  return ACL_ORDER.filter((c) => cats.has(c));
}

/** COMMAND INFO's first key, last key and step, and whether the keys are movable. */
export interface LegacyRange {
  first: number;
  last: number;
  step: number;
  movable: boolean;
}

/**
 * The legacy (first key, last key, step) of COMMAND INFO and whether the keys are "movable":
 * one range spec is used as it is; several are merged when each has step 1 and starts right
 * after the previous one ends, and any spec left out (or marked incomplete) makes the keys movable.
 */
export function legacyRange(allSpecs: readonly KeySpec[]): LegacyRange {
  // Only index/range specs give a legacy range; a keyword search makes the keys movable (even
  // beside an index spec: GEORADIUS's STORE).
  const specs = allSpecs.filter((s) => s.keyword === undefined);
  const byKeyword = specs.length < allSpecs.length;
  if (specs.length === 0) return { first: 0, last: 0, step: 0, movable: byKeyword };
  const abs = (s: KeySpec) => (s.range[0] >= 0 ? s.range[0] + s.index : s.range[0]);
  // Only index + range specs give a legacy range; any other kind makes the keys movable.
  const plain = (s: KeySpec) => s.keynum === undefined && s.unknown !== true;
  if (allSpecs.length === 1 && plain(specs[0])) {
    const s = specs[0];
    return { first: s.index, last: abs(s), step: s.range[1], movable: s.flags.includes('incomplete') };
  }
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  let prevLast = 0;
  let movable = byKeyword;
  for (const s of specs) {
    if (!plain(s) || s.range[1] !== 1 || (prevLast !== 0 && prevLast !== s.index - 1)) {
      movable = true;
      continue;
    }
    if (s.flags.includes('incomplete')) movable = true;
    first = Math.min(first, s.index);
    // Compared as unsigned: a last key counted from the end (negative) is "larger" than any index.
    const l = abs(s);
    if (l >>> 0 > last >>> 0) last = l;
    prevLast = last;
  }
  if (first === Number.POSITIVE_INFINITY) return { first: 0, last: 0, step: 0, movable: true };
  return { first, last, step: 1, movable };
}

function flagNames(spec: CommandSpec, table: readonly string[], movable: boolean, flags = spec.flags): Reply {
  const has = (name: string) =>
    name === 'movablekeys' ? movable : (flags as readonly string[]).includes(name.replace(/_/g, '-'));
  return setReply(table.filter(has).map((f) => status(f)));
}

function keySpecReply(s: KeySpec): Reply {
  const items: Reply[] = [];
  if (s.notes !== undefined) items.push(bulk('notes'), bulk(s.notes));
  if (s.unknown === true) {
    const unknown = map([bulk('type'), bulk('unknown'), bulk('spec'), map([])]);
    items.push(bulk('flags'), keyFlagsReply(s.flags), bulk('begin_search'), unknown, bulk('find_keys'), unknown);
    return map(items);
  }
  const findKeys =
    s.keynum !== undefined
      ? map([
          bulk('type'),
          bulk('keynum'),
          bulk('spec'),
          map([
            bulk('keynumidx'),
            int(s.keynum[0]),
            bulk('firstkey'),
            int(s.keynum[1]),
            bulk('keystep'),
            int(s.keynum[2]),
          ]),
        ])
      : map([
          bulk('type'),
          bulk('range'),
          bulk('spec'),
          map([bulk('lastkey'), int(s.range[0]), bulk('keystep'), int(s.range[1]), bulk('limit'), int(s.range[2])]),
        ]);
  items.push(
    bulk('flags'),
    keyFlagsReply(s.flags),
    bulk('begin_search'),
    s.keyword
      ? map([
          bulk('type'),
          bulk('keyword'),
          bulk('spec'),
          map([bulk('keyword'), bulk(s.keyword.keyword), bulk('startfrom'), int(s.keyword.startfrom)]),
        ])
      : map([bulk('type'), bulk('index'), bulk('spec'), map([bulk('index'), int(s.index)])]),
    bulk('find_keys'),
    findKeys,
  );
  return map(items);
}

/** COMMAND INFO's 10-field entry (addReplyCommandInfo); null for an unknown name. */
export function infoReply70(c: Introspected | undefined): Reply {
  if (c === undefined) return NIL;
  const spec = c.spec;
  const { first, last, step, movable } = legacyRange(spec.keySpecs ?? []);
  return array([
    bulk(c.fullName),
    int(spec.arity),
    flagNames(spec, FLAGS_70, movable),
    int(first),
    int(last),
    int(step),
    setReply(aclCategories(spec).map((a) => status(`@${a}`))),
    setReply((spec.tips ?? []).map((t) => bulk(t))),
    setReply((spec.keySpecs ?? []).map(keySpecReply)),
    // No subcommands: an empty set; some: an array (addReplyCommandSubCommands).
    c.subs.length === 0 ? setReply([]) : array(c.subs.map(infoReply70)),
  ]);
}

/** 4.0's 6-field entry: name, arity, flags, first key, last key, step; null for an unknown name. */
export function infoReply40(cmd: Command | undefined): Reply {
  if (cmd === undefined) return NIL;
  const [first, last, step] = keys40(cmd);
  return array([
    bulk(cmd.name),
    int(cmd.arity40 ?? cmd.arity),
    flagNames(cmd, FLAGS_40, cmd.movable40 === true, cmd.flags40 ?? cmd.flags),
    int(first),
    int(last),
    int(step),
  ]);
}

/** 4.0's first key, last key and step (redisCommandTable). */
export function keys40(cmd: Command): readonly [number, number, number] {
  if (cmd.keys40 !== undefined) return cmd.keys40;
  const r = legacyRange(cmd.keySpecs ?? []);
  return [r.first, r.last, r.step];
}

function argReply(a: Arg): Reply {
  const items: Reply[] = [bulk('name'), bulk(a.name), bulk('type'), bulk(a.type)];
  if (a.keySpec !== undefined) items.push(bulk('key_spec_index'), int(a.keySpec));
  if (a.token !== undefined) items.push(bulk('token'), bulk(a.token));
  if (a.summary !== undefined) items.push(bulk('summary'), bulk(a.summary));
  if (a.since !== undefined) items.push(bulk('since'), bulk(a.since));
  if (a.deprecatedSince !== undefined) items.push(bulk('deprecated_since'), bulk(a.deprecatedSince));
  const flags: Reply[] = [];
  if (a.optional) flags.push(status('optional'));
  if (a.multiple) flags.push(status('multiple'));
  if (a.multipleToken) flags.push(status('multiple_token'));
  if (flags.length > 0) items.push(bulk('flags'), setReply(flags));
  if (a.type === 'oneof' || a.type === 'block') items.push(bulk('arguments'), array((a.args ?? []).map(argReply)));
  return map(items);
}

/** COMMAND DOCS's map of one command (addReplyCommandDocs), without its name. */
export function docsReply70(c: Introspected): Reply {
  const spec = c.spec;
  const docs = spec.docs ?? {};
  const help = commandHelp(c.fullName.replace('|', ' ').toUpperCase());
  const items: Reply[] = [];
  if (help !== undefined) items.push(bulk('summary'), bulk(help.summary), bulk('since'), bulk(help.since));
  items.push(bulk('group'), bulk(help?.group ?? 'generic'));
  if (docs.complexity !== undefined) items.push(bulk('complexity'), bulk(docs.complexity));
  if (docs.docFlags !== undefined) {
    const order = ['deprecated', 'syscmd'] as const;
    items.push(bulk('doc_flags'), setReply(order.filter((f) => docs.docFlags!.includes(f)).map((f) => status(f))));
  }
  if (docs.deprecatedSince !== undefined) items.push(bulk('deprecated_since'), bulk(docs.deprecatedSince));
  if (docs.replacedBy !== undefined) items.push(bulk('replaced_by'), bulk(docs.replacedBy));
  if (docs.history !== undefined) {
    items.push(bulk('history'), setReply(docs.history.map(([since, change]) => array([bulk(since), bulk(change)]))));
  }
  if (spec.args !== undefined) items.push(bulk('arguments'), array(spec.args.map(argReply)));
  if (c.subs.length > 0) {
    items.push(bulk('subcommands'), map(c.subs.flatMap((s) => [bulk(s.fullName), docsReply70(s)])));
  }
  return map(items);
}
