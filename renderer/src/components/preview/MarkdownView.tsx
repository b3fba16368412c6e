/**
 * Markdown rendered as React elements, never as HTML: raw HTML in the text
 * stays text, so nothing in a document can run a script. Headings,
 * paragraphs, lists, quotes, fenced code, inline code, emphasis and links
 * (http, https and mailto only) cover what README-style files use.
 */
import type { ReactNode } from 'react';

const SAFE_LINK = /^(https?:|mailto:)/i;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*]+\*|_[^_]+_)|(\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let n = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const t = m[0];
    const k = `${key}-${n++}`;
    if (m[1]) out.push(<code key={k}>{t.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k}>{t.slice(2, -2)}</strong>);
    else if (m[3]) out.push(<em key={k}>{t.slice(1, -1)}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(t);
      const href = link?.[2] ?? '';
      out.push(
        SAFE_LINK.test(href) ? (
          <a key={k} href={href} target="_blank" rel="noreferrer noopener">
            {link?.[1]}
          </a>
        ) : (
          <span key={k}>{link?.[1]}</span>
        ),
      );
    }
    last = m.index + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function MarkdownView({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.split(/\r?\n/);
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    const k = `b${blocks.length}`;
    if (para.length > 0) blocks.push(<p key={k}>{inline(para.join(' '), k)}</p>);
    para = [];
    if (list) {
      const items = list.items.map((it, i) => <li key={i}>{inline(it, `${k}-${i}`)}</li>);
      blocks.push(list.ordered ? <ol key={`${k}l`}>{items}</ol> : <ul key={`${k}l`}>{items}</ul>);
    }
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) code.push(lines[i] ?? '');
      blocks.push(
        <pre key={`c${blocks.length}`}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, (heading[1] ?? '#').length + 2) as 3 | 4 | 5 | 6;
      const H = `h${level}` as const;
      blocks.push(<H key={`h${blocks.length}`}>{inline(heading[2] ?? '', `h${blocks.length}`)}</H>);
    } else if (item) {
      const ordered = /\d/.test(item[1] ?? '');
      if (para.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[2] ?? '');
    } else if (line.startsWith('>')) {
      flush();
      blocks.push(<blockquote key={`q${blocks.length}`}>{inline(line.replace(/^>\s?/, ''), `q${blocks.length}`)}</blockquote>);
    } else if (line.trim() === '') flush();
    else para.push(line.trim());
  }
  flush();
  return <div className="markdown">{blocks}</div>;
}
