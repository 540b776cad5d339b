/** Reading Redis log lines for display. */
import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/ui/log-line';

describe('parseLogLine', () => {
  it('splits a 7.0 line', () => {
    expect(parseLogLine('4242:M 02 Sep 2024 15:43:10.123 * Ready to accept connections tcp')).toEqual({
      prefix: '4242:M',
      role: 'M',
      time: '02 Sep 2024 15:43:10.123',
      level: 'notice',
      message: 'Ready to accept connections tcp',
      replication: 0,
    });
  });

  it('splits a 4.0 line (no year) and reads the level', () => {
    const p = parseLogLine('17:S 02 Sep 15:43:10.123 # Connection with master lost.');
    expect(p).toMatchObject({ role: 'S', time: '02 Sep 15:43:10.123', level: 'warning', replication: 1 });
  });

  it('marks PSYNC outcomes as key replication events', () => {
    const lines = [
      'Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes of backlog starting from offset 100.',
      'Successful partial resynchronization with master.',
      'Full resync requested by replica 127.0.0.1:6380',
      'Partial resynchronization not accepted: Replication ID mismatch (Replica asked for x, my replication IDs are y and z)',
    ];
    for (const m of lines) expect(parseLogLine(`1:M 02 Sep 2024 15:43:10.123 * ${m}`).replication).toBe(2);
  });

  it('leaves other text whole', () => {
    expect(parseLogLine('hello')).toMatchObject({ level: 'plain', message: 'hello', replication: 0 });
  });
});
