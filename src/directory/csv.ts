// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Small enough not to need a library.

/** Rows with the 1-based line each started on (a quoted field may span lines). */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte order mark from spreadsheet exports
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new Error(`Line ${rowLine}: a quoted field is never closed.`);
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/**
 * A cell a spreadsheet will not run: a leading = + - @ tab or carriage return starts a formula,
 * so such a cell gets a leading apostrophe (OWASP, CSV injection).
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line; every text cell made inert, quoted only when it needs it. */
export function csvLine(fields: readonly (string | boolean | number)[]): string {
  return fields
    .map((f) => {
      const s = typeof f === 'string' ? inertCell(f) : String(f);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',');
}
