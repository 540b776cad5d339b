/**
 * Evaluated in the page (a string, so no bundler helper leaks in): every element outside the
 * terminals that holds text of its own, with the contrast of its colour against the background
 * behind it (translucent layers composited), listed when below WCAG's 4.5:1. Disabled controls
 * are exempt, as WCAG exempts inactive components.
 */
export const CONTRAST_CHECK = `
(() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0,0,0,0]; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0],p[1],p[2],p.length>3?p[3]:1]; };
  const over = (top, bot) => { const a = top[3]; return [top[0]*a+bot[0]*(1-a), top[1]*a+bot[1]*(1-a), top[2]*a+bot[2]*(1-a), 1]; };
  const bgOf = (el) => { const stack = []; for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) { stack.push(c); if (c[3] >= 1) break; } } let c = [255,255,255,1]; for (let i = stack.length-1; i>=0; i--) c = over(stack[i], c); return c; };
  const lum = (c) => { const f = (v) => { v/=255; return v <= 0.03928 ? v/12.92 : ((v+0.055)/1.055)**2.4; }; return 0.2126*f(c[0])+0.7152*f(c[1])+0.0722*f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x,y)+0.05)/(Math.min(x,y)+0.05); };
  const out = [];
  const root = document.querySelector('.rp-app');
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('.xterm')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    if (el.closest('[disabled]')) continue;
    const fg = parse(cs.color); const bg = bgOf(el); const fgc = fg[3] < 1 ? over(fg, bg) : fg;
    const r = ratio(fgc, bg);
    if (r < 4.5) out.push(\`\${el.className || el.tagName} "\${el.textContent.trim().slice(0, 30)}": \${r.toFixed(2)}:1\`);
  }
  return out;
})()
`;
