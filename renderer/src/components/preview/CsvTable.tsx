/** CSV or TSV as a table: the first 1,000 rows, quoted fields (with commas, quotes and line breaks inside) kept whole. */
import { useMemo } from 'react';

export const MAX_ROWS = 1000;

export function parseDelimited(text: string, sep: string, maxRows = MAX_ROWS): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if ((field !== '' || row.length > 0) && rows.length < maxRows) rows.push([...row, field]);
  return rows;
}

export function CsvTable({ text, sep, label, cut }: { text: string; sep: string; label: string; cut: boolean }) {
  const rows = useMemo(() => parseDelimited(text, sep, MAX_ROWS + 1), [text, sep]);
  const [head, ...body] = rows;
  const shown = body.slice(0, MAX_ROWS - 1);
  return (
    <div className="preview-table-wrap">
      <table className="preview-table" aria-label={label}>
        {head && (
          <thead>
            <tr>
              {head.map((cell, i) => (
                <th key={i} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {shown.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {(rows.length > MAX_ROWS || cut) && (
        <p className="muted">Showing the first {Math.min(rows.length, MAX_ROWS).toLocaleString('en-US')} rows.</p>
      )}
    </div>
  );
}
