/**
 * Markdown → safe HTML for lesson text: `marked` renders, DOMPurify removes whatever could run
 * (script and style elements, event-handler attributes, `javascript:` and other non-web URLs,
 * forms). Lessons may come from any URL, so nothing they contain is trusted; links open in a new
 * tab without access to this page.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** Render Markdown into a sanitized fragment. */
export function renderMarkdown(md: string): DocumentFragment {
  const html = marked.parse(md, { async: false, gfm: true }) as string;
  return purify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/|\.\/|\.\.\/|[^:]*$)/i,
  }) as DocumentFragment;
}
