/** redis-cli's completion, hints and help text, as redis-cli 7.0.15 computes them. */
import { describe, expect, it } from 'vitest';
import { completeLine, helpText, hintFor, isHelpCommand } from '../../src/ui/console/cli-help';

describe('completion', () => {
  it('completes command names case-insensitively, in capitals, sorted', () => {
    expect(completeLine('incr')).toEqual(['INCR', 'INCRBY', 'INCRBYFLOAT']);
    expect(completeLine('config s')).toEqual(['CONFIG SET']);
    expect(completeLine('zzz')).toEqual([]);
  });

  it('after "help " also completes groups', () => {
    expect(completeLine('help @str')).toEqual(['help @stream', 'help @string']);
    expect(completeLine('help  sl')).toEqual([
      'help  SLAVEOF',
      'help  SLOWLOG',
      'help  SLOWLOG GET',
      'help  SLOWLOG HELP',
      'help  SLOWLOG LEN',
      'help  SLOWLOG RESET',
    ]);
  });
});

describe('hints', () => {
  it('shows the parameters not yet typed', () => {
    expect(hintFor('GET')).toBe(' key');
    expect(hintFor('GET ')).toBe('key');
    expect(hintFor('SLAVEOF 127.0.0.1')).toBe(' port');
    expect(hintFor('SLAVEOF 127.0.0.1 6379')).toBe(' ');
    expect(hintFor('config get ')).toBe('parameter [parameter ...]');
  });

  it('stops removing at an optional part', () => {
    expect(hintFor('SET k v ')).toBe(
      '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
    );
    expect(hintFor('SET k v NX ')).toBe(
      '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
    );
  });

  it('has nothing for an empty line or an unknown command', () => {
    expect(hintFor('')).toBeNull();
    expect(hintFor('   ')).toBeNull();
    expect(hintFor('FOO')).toBeNull();
  });
});

describe('help', () => {
  it('recognises help and ?', () => {
    expect(isHelpCommand(['HELP'])).toBe(true);
    expect(isHelpCommand(['?'])).toBe(true);
    expect(isHelpCommand(['GET'])).toBe(false);
  });

  it('prints the generic help', () => {
    expect(helpText([])).toContain('redis-cli 7.0.15\r\nTo get help about Redis commands type:');
  });

  it('prints one command with its group, in redis-cli colours', () => {
    expect(helpText(['get'])).toBe(
      '\r\n  \x1b[1mGET\x1b[0m \x1b[90mkey\x1b[0m\r\n  \x1b[33msummary:\x1b[0m Get the value of a key\r\n  \x1b[33msince:\x1b[0m 1.0.0\r\n  \x1b[33mgroup:\x1b[0m string\r\n\r\n',
    );
  });

  it('lists a container command and a group', () => {
    const cfg = helpText(['config']);
    expect(cfg).toContain('CONFIG GET');
    expect(cfg).toContain('CONFIG SET');
    const tx = helpText(['@transactions']);
    expect(tx).toContain('MULTI');
    expect(tx).not.toContain('group:');
  });
});
