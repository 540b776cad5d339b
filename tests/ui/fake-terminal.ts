/**
 * A minimal terminal for line-editor tests: a grid of cells that understands what the editor
 * writes (printable text with auto-wrap and pending-wrap, CR, LF, BEL, CSI A/B/C/D/G/H/J/K/m), so
 * tests assert the screen a person would see and where the cursor is.
 */
export class FakeTerminal {
  rows: string[][] = [[]];
  x = 0;
  y = 0;
  private pendingWrap = false;
  written = '';
  bells = 0;

  constructor(public cols = 40) {}

  write(data: string): void {
    this.written += data;
    let i = 0;
    while (i < data.length) {
      const ch = data[i];
      if (ch === '\x1b' && data[i + 1] === '[') {
        let j = i + 2;
        let params = '';
        while (j < data.length && /[0-9;?]/.test(data[j])) params += data[j++];
        this.csi(params, data[j]);
        i = j + 1;
        continue;
      }
      if (ch === '\r') {
        this.x = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.lineFeed();
        this.pendingWrap = false;
      } else if (ch === '\x07') {
        this.bells++;
      } else {
        if (this.pendingWrap) {
          this.x = 0;
          this.lineFeed();
          this.pendingWrap = false;
        }
        this.row(this.y)[this.x] = ch;
        if (this.x === this.cols - 1) this.pendingWrap = true;
        else this.x++;
      }
      i++;
    }
  }

  private lineFeed(): void {
    this.y++;
    this.row(this.y);
  }

  private row(y: number): string[] {
    while (this.rows.length <= y) this.rows.push([]);
    return this.rows[y];
  }

  private csi(params: string, final: string): void {
    const n = Number(params.split(';')[0] || '1');
    this.pendingWrap = false;
    switch (final) {
      case 'A':
        this.y = Math.max(0, this.y - n);
        break;
      case 'B':
        this.y += n;
        this.row(this.y);
        break;
      case 'C':
        this.x = Math.min(this.cols - 1, this.x + n);
        break;
      case 'D':
        this.x = Math.max(0, this.x - n);
        break;
      case 'G':
        this.x = Math.min(this.cols - 1, n - 1);
        break;
      case 'H':
        this.x = 0;
        this.y = 0;
        break;
      case 'J':
        if (params === '2') this.rows = [[]];
        else {
          this.row(this.y).length = this.x;
          this.rows.length = this.y + 1;
        }
        break;
      case 'K':
        this.row(this.y).length = this.x;
        break;
      default:
        break; // SGR and anything else: no effect on text
    }
  }

  /** The screen's text, one string per row, trailing spaces trimmed. */
  lines(): string[] {
    return this.rows.map((r) =>
      Array.from({ length: r.length }, (_, i) => r[i] ?? ' ')
        .join('')
        .trimEnd(),
    );
  }

  /** The screen as one string. */
  text(): string {
    return this.lines().join('\n');
  }
}
