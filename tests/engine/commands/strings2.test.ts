/**
 * What the newer string and bitmap commands propagate, and their 4.0 dialect: GETEX goes as
 * PEXPIREAT / PERSIST / DEL, writes that change nothing go nowhere, 4.0's GETRANGE clamps and its
 * BITCOUNT/BITPOS know no BIT|BYTE. (Replies are checked against redis-server 7.0.15 in golden/.)
 */
import { describe, expect, it } from 'vitest';
import { bulk, error, int } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

describe('string writes: what reaches the replicas', () => {
  it('GETEX becomes PEXPIREAT, PERSIST or DEL, and nothing without an option', () => {
    const s = new FakeServer();
    s.run('SET', 'k', 'v');
    expect(s.run('GETEX', 'k').propagated).toEqual([]);
    const at = String(s.now + 100_000);
    expect(s.run('GETEX', 'k', 'EX', '100')).toMatchObject({ reply: bulk('v'), propagated: [['PEXPIREAT', 'k', at]] });
    expect(s.run('GETEX', 'k', 'PERSIST').propagated).toEqual([['PERSIST', 'k']]);
    expect(s.run('GETEX', 'k', 'PERSIST').propagated).toEqual([]);
    expect(s.run('GETEX', 'k', 'PXAT', '1').propagated).toEqual([['DEL', 'k']]);
    expect(s.db.dict.has('k')).toBe(false);
    expect(s.touched).toEqual(['0:k', '0:k', '0:k']);
  });

  it('on a replica a past EXAT is stored, not deleted', () => {
    const s = new FakeServer({ isReplica: true });
    s.run('SET', 'k', 'v');
    expect(s.run('GETEX', 'k', 'EXAT', '1').propagated).toEqual([['PEXPIREAT', 'k', '1000']]);
  });

  it('SETRANGE, SETBIT, BITFIELD and BITOP propagate as typed only when they change something', () => {
    const s = new FakeServer();
    expect(s.run('SETRANGE', 'k', '0', '').propagated).toEqual([]);
    expect(s.run('SETRANGE', 'k', '2', 'ab').propagated).toEqual([['SETRANGE', 'k', '2', 'ab']]);
    expect(s.run('SETBIT', 'b', '3', '0').dirty).toBe(1); // created
    expect(s.run('SETBIT', 'b', '3', '0').dirty).toBe(0);
    expect(s.run('BITFIELD', 'b', 'SET', 'u4', '0', '0').dirty).toBe(0);
    expect(s.run('BITFIELD', 'b', 'SET', 'u4', '0', '3', 'INCRBY', 'u4', '0', '1').dirty).toBe(2);
    expect(s.run('BITFIELD', 'b', 'GET', 'u4', '0').dirty).toBe(0);
    expect(s.run('BITOP', 'AND', 'd', 'none').propagated).toEqual([]);
    expect(s.run('BITOP', 'OR', 'd', 'b').propagated).toEqual([['BITOP', 'OR', 'd', 'b']]);
    expect(s.run('BITOP', 'AND', 'd', 'none').propagated).toEqual([['BITOP', 'AND', 'd', 'none']]);
    expect(s.db.dict.has('d')).toBe(false);
  });

  it('MSETNX writes all or nothing', () => {
    const s = new FakeServer();
    expect(s.run('MSETNX', 'a', '1', 'b', '2')).toMatchObject({ reply: int(1), dirty: 2 });
    expect(s.run('MSETNX', 'b', '3', 'c', '4')).toMatchObject({ reply: int(0), dirty: 0 });
    expect(s.db.dict.has('c')).toBe(false);
  });
});

describe('the 4.0 dialect', () => {
  it('GETRANGE clamps two negative indexes; BITCOUNT/BITPOS take no BIT|BYTE', () => {
    const s = new FakeServer({ version: '4.0' });
    s.run('SET', 's', 'hello');
    expect(s.r('GETRANGE', 's', '-100', '-50')).toEqual(bulk('h'));
    expect(s.r('BITCOUNT', 's', '0', '1', 'BIT')).toEqual(error('ERR syntax error'));
    expect(s.r('BITPOS', 's', '1', '0', '1', 'BIT')).toEqual(error('ERR syntax error'));
    expect(s.r('SETRANGE', 's', '536870912', 'x')).toEqual(error('ERR string exceeds maximum allowed size (512MB)'));
    expect(s.r('MSETNX', 'a', '1', 'b')).toEqual(error('ERR wrong number of arguments for MSETNX'));
  });
});
