/**
 * Markdown → DOM for lesson text. `marked` parses (its lexer: GitHub-flavoured Markdown, tables,
 * lists, code), and this file builds the elements itself from the tokens, with `createElement`
 * and text nodes only — never an HTML string — so nothing a lesson contains can become markup:
 * raw HTML in a lesson is shown as text, and links keep only web, mail and relative URLs (others
 * render as plain text). Lessons may come from any URL, so nothing in them is trusted; links open
 * in a new tab without access to this page. Safe by construction, with no sanitizer to keep in
 * step with the browser (and about 10 KB lighter in the single-file widget than rendering HTML
 * and sanitizing it).
 */
import { Lexer, type Token, type Tokens } from 'marked';

/** URLs a lesson's links and images may use: http(s), mailto, fragments and relative paths. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.\/|\.\.\/|[^:]*$)/i;

type Parent = HTMLElement | DocumentFragment;

/** Render Markdown into a fragment of plain elements and text. */
export function renderMarkdown(md: string): DocumentFragment {
  const out = document.createDocumentFragment();
  blocks(out, Lexer.lex(md, { gfm: true }));
  return out;
}

function el(tag: string, parent: Parent): HTMLElement {
  const e = document.createElement(tag);
  parent.append(e);
  return e;
}

function blocks(parent: Parent, tokens: readonly Token[]): void {
  for (const t of tokens) block(parent, t);
}

function block(parent: Parent, t: Token): void {
  switch (t.type) {
    case 'space':
    case 'def':
      return;
    case 'heading':
      inline(el(`h${Math.min(6, Math.max(1, (t as Tokens.Heading).depth))}`, parent), (t as Tokens.Heading).tokens);
      return;
    case 'paragraph':
      inline(el('p', parent), (t as Tokens.Paragraph).tokens);
      return;
    case 'code': {
      const c = t as Tokens.Code;
      const code = el('code', el('pre', parent));
      const lang = (c.lang ?? '').match(/^\S*/)?.[0];
      if (lang) code.className = `language-${lang}`;
      code.textContent = c.text;
      return;
    }
    case 'blockquote':
      blocks(el('blockquote', parent), (t as Tokens.Blockquote).tokens);
      return;
    case 'hr':
      el('hr', parent);
      return;
    case 'list': {
      const l = t as Tokens.List;
      const list = el(l.ordered ? 'ol' : 'ul', parent);
      if (l.ordered && typeof l.start === 'number' && l.start !== 1) list.setAttribute('start', String(l.start));
      for (const item of l.items) {
        const li = el('li', list);
        if (item.task) {
          const box = el('input', li) as HTMLInputElement;
          box.type = 'checkbox';
          box.checked = !!item.checked;
          box.disabled = true;
          li.append(' ');
        }
        // A tight list's items hold `text` tokens whose inline tokens go straight into the <li>.
        for (const sub of item.tokens) {
          if (sub.type === 'text' && 'tokens' in sub && sub.tokens) inline(li, sub.tokens);
          else if (sub.type !== 'checkbox') block(li, sub);
        }
      }
      return;
    }
    case 'table': {
      const tb = t as Tokens.Table;
      const table = el('table', parent);
      const row = (tr: HTMLElement, cells: Tokens.TableCell[], tag: string) =>
        cells.forEach((cell, i) => {
          const c = el(tag, tr);
          const align = tb.align[i];
          if (align) c.style.textAlign = align;
          inline(c, cell.tokens);
        });
      row(el('tr', el('thead', table)), tb.header, 'th');
      const body = el('tbody', table);
      for (const r of tb.rows) row(el('tr', body), r, 'td');
      return;
    }
    case 'text': {
      const x = t as Tokens.Text;
      if (x.tokens) inline(el('p', parent), x.tokens);
      else parent.append(x.text);
      return;
    }
    default:
      // Raw HTML blocks and anything unforeseen: shown as the text the author wrote.
      if ('raw' in t && typeof t.raw === 'string' && t.raw.trim()) el('p', parent).textContent = t.raw;
  }
}

function inline(parent: Parent, tokens: readonly Token[] | undefined): void {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
        if ('tokens' in t && t.tokens) inline(parent, t.tokens);
        else parent.append((t as Tokens.Text).text);
        break;
      case 'escape':
        parent.append((t as Tokens.Escape).text);
        break;
      case 'strong':
      case 'em':
      case 'del':
        inline(el(t.type, parent), (t as Tokens.Strong).tokens); // same names as the elements
        break;
      case 'codespan':
        el('code', parent).textContent = (t as Tokens.Codespan).text;
        break;
      case 'br':
        el('br', parent);
        break;
      case 'link': {
        const l = t as Tokens.Link;
        if (!SAFE_URL.test(l.href)) {
          inline(parent, l.tokens);
          break;
        }
        const a = el('a', parent) as HTMLAnchorElement;
        a.href = l.href;
        if (l.title) a.title = l.title;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        inline(a, l.tokens);
        break;
      }
      case 'image': {
        const im = t as Tokens.Image;
        if (!SAFE_URL.test(im.href)) {
          parent.append(im.text);
          break;
        }
        const img = el('img', parent) as HTMLImageElement;
        img.src = im.href;
        img.alt = im.text;
        if (im.title) img.title = im.title;
        break;
      }
      default:
        // Inline HTML (`<b>`, `<script>`…) and anything unforeseen: its text as written.
        parent.append('raw' in t && typeof t.raw === 'string' ? t.raw : '');
    }
  }
}
