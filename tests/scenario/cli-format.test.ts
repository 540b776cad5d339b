/**
 * Expected strings are redis-cli 7.0.15's own output, captured with `redis-cli --no-raw` (and checked
 * in an interactive session under a pty) against a redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import {
  array,
  bulk,
  bulkArray,
  EMPTY_ARRAY,
  error,
  int,
  NIL,
  NIL_ARRAY,
  OK,
  type Reply,
  status,
} from '../../src/engine/resp/reply';
import { formatReply, formatReplyBin, isRawOutputCommand, quoteBulk } from '../../src/scenario/cli-format';

const ints = (from: number, to: number): Reply[] => Array.from({ length: to - from + 1 }, (_, i) => int(from + i));

describe('formatReply: scalars', () => {
  it('status, integer, nil, error', () => {
    expect(formatReply(OK)).toBe('OK\n');
    expect(formatReply(status('PONG'))).toBe('PONG\n');
    expect(formatReply(int(1))).toBe('(integer) 1\n');
    expect(formatReply(int(-99))).toBe('(integer) -99\n');
    expect(formatReply(int(9223372036854775807n))).toBe('(integer) 9223372036854775807\n');
    expect(formatReply(NIL)).toBe('(nil)\n');
    expect(formatReply(NIL_ARRAY)).toBe('(nil)\n'); // BLPOP nokey 0.01
    expect(formatReply(error('ERR DB index is out of range'))).toBe('(error) ERR DB index is out of range\n');
    expect(formatReply(error("ERR unknown command 'nosuchcmd', with args beginning with: 'a' "))).toBe(
      "(error) ERR unknown command 'nosuchcmd', with args beginning with: 'a' \n",
    );
  });

  it('bulk strings are quoted', () => {
    expect(formatReply(bulk('bar'))).toBe('"bar"\n');
    expect(formatReply(bulk(''))).toBe('""\n');
    expect(formatReply(bulk('q"\\'))).toBe('"q\\"\\\\"\n');
    // SET bin "a\tb\nc\rd\ae\bf\"g\\h\x01\x7f\xc3\xa9 \x0b\x0c"
    expect(formatReply(bulk('a\tb\nc\rd\x07e\bf"g\\h\x01\x7f\xc3\xa9 \x0b\x0c'))).toBe(
      '"a\\tb\\nc\\rd\\ae\\bf\\"g\\\\h\\x01\\x7f\\xc3\\xa9 \\x0b\\x0c"\n',
    );
    // UTF-8 text: every byte >= 0x80 escaped
    expect(formatReply(bulk('h\xc3\xa9llo \xe2\x86\x92 \xe2\x9c\x93'))).toBe(
      '"h\\xc3\\xa9llo \\xe2\\x86\\x92 \\xe2\\x9c\\x93"\n',
    );
    expect(formatReply(bulk('a\x00b'))).toBe('"a\\x00b"\n');
  });

  it('all 256 byte values', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const expected =
      '"\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\a\\b\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f' +
      ' !\\"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\x7f' +
      Array.from({ length: 128 }, (_, i) => `\\x${(i + 128).toString(16)}`).join('') +
      '"';
    expect(quoteBulk(all)).toBe(expected);
  });
});

describe('formatReply: arrays', () => {
  it('empty and flat', () => {
    expect(formatReply(EMPTY_ARRAY)).toBe('(empty array)\n');
    expect(formatReply(bulkArray(['f1', 'v1', 'f2', '']))).toBe('1) "f1"\n2) "v1"\n3) "f2"\n4) ""\n');
  });

  it('index width padding at 10 elements and beyond', () => {
    const ten = bulkArray(Array.from({ length: 10 }, (_, i) => `item${i}`));
    expect(formatReply(ten)).toBe(
      ' 1) "item0"\n 2) "item1"\n 3) "item2"\n 4) "item3"\n 5) "item4"\n 6) "item5"\n 7) "item6"\n 8) "item7"\n 9) "item8"\n10) "item9"\n',
    );
    const twelve = array(ints(1, 12));
    expect(formatReply(twelve)).toBe(
      ' 1) (integer) 1\n 2) (integer) 2\n 3) (integer) 3\n 4) (integer) 4\n 5) (integer) 5\n 6) (integer) 6\n' +
        ' 7) (integer) 7\n 8) (integer) 8\n 9) (integer) 9\n10) (integer) 10\n11) (integer) 11\n12) (integer) 12\n',
    );
  });

  it("nesting (EVAL \"return {1,{2,3,{'x',{}}},{},false,'a',{'deep'}}\" 0)", () => {
    const r = array([
      int(1),
      array([int(2), int(3), array([bulk('x'), EMPTY_ARRAY])]),
      EMPTY_ARRAY,
      NIL,
      bulk('a'),
      bulkArray(['deep']),
    ]);
    expect(formatReply(r)).toBe(
      '1) (integer) 1\n2) 1) (integer) 2\n   2) (integer) 3\n   3) 1) "x"\n      2) (empty array)\n3) (empty array)\n4) (nil)\n5) "a"\n6) 1) "deep"\n',
    );
  });

  it('deep nesting, errors and statuses inside arrays', () => {
    const r = array([
      int(1),
      array([int(2), array([int(3), array([int(4), EMPTY_ARRAY])])]),
      NIL,
      error('E x'),
      status('ST'),
      bulk('q"\\'),
    ]);
    expect(formatReply(r)).toBe(
      '1) (integer) 1\n2) 1) (integer) 2\n   2) 1) (integer) 3\n      2) 1) (integer) 4\n         2) (empty array)\n' +
        '3) (nil)\n4) (error) E x\n5) ST\n6) "q\\"\\\\"\n',
    );
    expect(formatReply(array([array([bulk('a')])]))).toBe('1) 1) "a"\n');
    expect(formatReply(array([array([array([bulk('a')])])]))).toBe('1) 1) 1) "a"\n');
    expect(formatReply(array([EMPTY_ARRAY]))).toBe('1) (empty array)\n');
  });

  it('nested arrays under a wide parent index', () => {
    const r = array(Array.from({ length: 10 }, (_, i) => array([int(i + 1), array([int(i + 1)])])));
    const lines: string[] = [];
    for (let i = 1; i <= 10; i++) lines.push(`${String(i).padStart(2)}) 1) (integer) ${i}`, `    2) 1) (integer) ${i}`);
    expect(formatReply(r)).toBe(`${lines.join('\n')}\n`);
    // EVAL "local t={} for i=1,11 do t[i]={i,'v'..i} end return {t, 'z'}" 0
    const r2 = array([array(Array.from({ length: 11 }, (_, i) => array([int(i + 1), bulk(`v${i + 1}`)]))), bulk('z')]);
    const l2: string[] = [];
    for (let i = 1; i <= 11; i++) {
      l2.push(`${i === 1 ? '1) ' : '   '}${String(i).padStart(2)}) 1) (integer) ${i}`);
      l2.push(`       2) "v${i}"`);
    }
    expect(formatReply(r2)).toBe(`${l2.join('\n')}\n2) "z"\n`);
    expect(formatReply(r2).split('\n').slice(0, 3)).toEqual([
      '1)  1) 1) (integer) 1',
      '       2) "v1"',
      '    2) 1) (integer) 2',
    ]);
    expect(formatReply(r2).split('\n').slice(18, 20)).toEqual(['   10) 1) (integer) 10', '       2) "v10"']);
  });

  it('a nested array of 100', () => {
    const out = formatReply(array([array(ints(1, 100))]));
    const lines = out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['1)   1) (integer) 1', '     2) (integer) 2', '     3) (integer) 3']);
    expect(lines.slice(97, 101)).toEqual(['    98) (integer) 98', '    99) (integer) 99', '   100) (integer) 100', '']);
  });
});

describe('formatReply: commands redis-cli prints verbatim', () => {
  it('recognises them', () => {
    expect(isRawOutputCommand(['INFO'])).toBe(true);
    expect(isRawOutputCommand(['info', 'replication'])).toBe(true);
    expect(isRawOutputCommand(['Client', 'List'])).toBe(true);
    expect(isRawOutputCommand(['CLIENT', 'INFO'])).toBe(true);
    expect(isRawOutputCommand(['CLUSTER', 'NODES'])).toBe(true);
    expect(isRawOutputCommand(['CLUSTER', 'NODES', 'x'])).toBe(false);
    expect(isRawOutputCommand(['LATENCY', 'DOCTOR'])).toBe(true);
    expect(isRawOutputCommand(['LATENCY', 'GRAPH', 'command'])).toBe(true);
    expect(isRawOutputCommand(['MEMORY', 'DOCTOR'])).toBe(true);
    expect(isRawOutputCommand(['LOLWUT'])).toBe(true);
    expect(isRawOutputCommand(['GET', 'info'])).toBe(false);
    expect(isRawOutputCommand(['CLIENT', 'ID'])).toBe(false);
    expect(isRawOutputCommand([])).toBe(false);
  });

  it('INFO text as-is, errors bare, nil as nothing', () => {
    const info = '# Keyspace\r\ndb0:keys=3,expires=0,avg_ttl=0\r\n';
    expect(formatReply(bulk(info), ['INFO', 'keyspace'])).toBe(info);
    expect(formatReply(bulk(info))).toBe('"# Keyspace\\r\\ndb0:keys=3,expires=0,avg_ttl=0\\r\\n"\n');
    expect(formatReply(bulk(''), ['INFO', 'nosuch'])).toBe('');
    expect(formatReply(error('ERR syntax error'), ['CLIENT', 'LIST', 'bad'])).toBe('ERR syntax error\n');
    expect(formatReply(error('ERR This instance has cluster support disabled'), ['CLUSTER', 'NODES'])).toBe(
      'ERR This instance has cluster support disabled\n',
    );
    expect(formatReply(NIL, ['INFO'])).toBe('');
    expect(formatReply(int(5), ['INFO'])).toBe('5');
    expect(formatReply(array([bulk('a'), int(2), NIL, bulk('b')]), ['INFO'])).toBe('a\n2\n\nb');
  });

  it('raw bytes decode as UTF-8 text; formatReplyBin keeps bytes', () => {
    const text = 'caf\xc3\xa9\r\n';
    expect(formatReply(bulk(text), ['INFO'])).toBe('café\r\n');
    expect(formatReplyBin(bulk(text), ['INFO'])).toBe(text);
    expect(formatReply(error('ERR caf\xc3\xa9'))).toBe('(error) ERR café\n');
  });
});

describe('formatReply: RESP3 (after HELLO 3), as redis-cli 7.0.15 printed it on a tty', () => {
  const b = (s: string) => ({ t: 'bulk' as const, s });
  it('maps, sets, doubles, empty ones and nested pairs', () => {
    expect(formatReply({ t: 'map', items: [b('a'), b('1'), b('b'), b('2')] })).toBe('1# "a" => "1"\n2# "b" => "2"\n');
    expect(
      formatReply({ t: 'map', items: [b('proto'), { t: 'int', n: 3 }, b('modules'), { t: 'array', items: [] }] }),
    ).toBe('1# "proto" => (integer) 3\n2# "modules" => (empty array)\n');
    expect(formatReply({ t: 'set', items: [b('y'), b('x')] })).toBe('1~ "y"\n2~ "x"\n');
    expect(formatReply({ t: 'double', s: '1.5' })).toBe('(double) 1.5\n');
    expect(formatReply({ t: 'map', items: [] })).toBe('(empty hash)\n');
    expect(formatReply({ t: 'set', items: [] })).toBe('(empty set)\n');
    expect(formatReply({ t: 'array', items: [{ t: 'array', items: [b('m'), { t: 'double', s: '1.5' }] }] })).toBe(
      '1) 1) "m"\n   2) (double) 1.5\n',
    );
    expect(formatReply({ t: 'verbatim', s: 'id=3 resp=3\n' }, ['client', 'info'])).toBe('id=3 resp=3\n');
  });
});
