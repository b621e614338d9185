/**
 * CSV as RFC 4180 says (quoted fields, doubled quotes, CRLF or LF), with spreadsheet formula
 * injection defused on export: a cell starting with = + - @, tab or carriage return gets a leading
 * apostrophe, which import takes off again so a round trip changes nothing. Pure.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses CSV text into rows of cells, with the 1-based line each row starts on. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell !== '' || wasQuoted) throw new CsvSyntaxError(line, 'a quote in the middle of an unquoted cell; put the whole cell in quotes and double the inner quotes');
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells }); // blank lines are skipped
      cells = [];
      cell = '';
      wasQuoted = false;
      line++;
      rowLine = line;
    } else {
      if (wasQuoted) throw new CsvSyntaxError(line, 'text after a closing quote; a quoted cell must end at a comma or line end');
      cell += ch;
    }
  }
  if (quoted) throw new CsvSyntaxError(rowLine, 'a quoted cell is never closed');
  cells.push(cell);
  if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
  return rows;
}

/** Takes off the apostrophe that export put before a formula-like cell. */
export function unescapeCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One cell for export: formula-like text defused, then quoted when needed. */
export function escapeCell(value: string): string {
  const formula = FORMULA_START.test(value);
  const safe = formula ? `'${value}` : value;
  return formula || /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((r) => r.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}
