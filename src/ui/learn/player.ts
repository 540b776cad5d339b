/**
 * Plays scenario steps in the page as a person would: a console command is typed into its node's
 * console key by key at a readable pace (or all at once when skipped), and the player waits for
 * its reply before the next step; `settle` and `sleep` let simulated time pass at once (the
 * session's settle and advance, as the widget's scenario runner does); `kill`,
 * `start` and `link` press the same buttons the controls do. Everything goes through the
 * session and the consoles, never around them.
 */
import { nodeOf, type ScnStep } from '../../learn';
import { parseConsoleLine } from '../../scenario';
import type { ConsoleHandle } from '../console/console-view';
import type { Session } from '../session';
import type { AppStore } from '../store';

/** Milliseconds per typed character, and between steps. */
const KEY_MS = 28;
const STEP_MS = 250;
/** A reply that never comes (a node that hangs forever) stops the play after this long. */
const REPLY_WAIT_MS = 120_000;

export interface PlayerDeps {
  store: AppStore;
  session: () => Session | null;
  console: (node: string) => ConsoleHandle | undefined;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Player {
  /** Type whole lines at once and skip the pauses (the reader pressed Skip). */
  fast = false;
  private stopped = false;

  constructor(private readonly deps: PlayerDeps) {}

  /** Stop after the step under way. */
  stop(): void {
    this.stopped = true;
  }

  /** Play steps in order; resolves when the last one is done (or the play was stopped). */
  async play(steps: readonly ScnStep[]): Promise<void> {
    this.stopped = false;
    for (const step of steps) {
      if (this.stopped) return;
      await this.playStep(step);
      if (!this.fast) await pause(STEP_MS);
    }
  }

  private async playStep(step: ScnStep): Promise<void> {
    const sess = this.deps.session();
    if (!sess) throw new Error('no playground');
    switch (step.kind) {
      case 'command':
        await this.typeCommand(sess, nodeOf(step.node), step.input);
        return;
      case 'settle':
        await sess.settle();
        return;
      case 'sleep':
        await sess.advance(step.ms);
        return;
      case 'kill':
        await sess.kill(nodeOf(step.node));
        return;
      case 'start':
        await sess.start(nodeOf(step.node));
        return;
      case 'link':
        await sess.setLinkCut(nodeOf(step.a), nodeOf(step.b), step.state === 'down');
        return;
    }
  }

  private async typeCommand(sess: Session, node: string, input: string): Promise<void> {
    const con = this.deps.console(node);
    if (!con) throw new Error(`no console for ${node}`);
    this.deps.store.getState().setActiveNode(node);
    const line = parseConsoleLine(input);
    const isHelp = line.kind === 'command' && line.argv[0].toLowerCase() === 'help';
    let replies = line.kind === 'command' && !isHelp && sess.isRunning(node) ? line.repeat : 0;
    const answered = new Promise<void>((resolve) => {
      if (replies === 0) return resolve();
      const timer = setTimeout(() => {
        off();
        resolve();
      }, REPLY_WAIT_MS);
      const off = sess.onCommand((ev) => {
        if (ev.node === node && ev.phase === 'reply' && --replies === 0) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
    if (this.fast) con.type(input);
    else {
      for (const ch of input) {
        if (this.fast) break;
        con.input(ch);
        await pause(KEY_MS);
      }
      if (this.fast) {
        // Skipped mid-line: clear what was typed (Ctrl-U) and type the whole line.
        con.input('\x15');
        con.type(input);
      } else con.input('\r');
    }
    await answered;
  }
}
