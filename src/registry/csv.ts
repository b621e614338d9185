import { CsvError, parse, type InfoRecord } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as RFC 4180 says (csv-parse and csv-stringify: quoted fields, doubled quotes, CRLF, LF or CR,
 * a BOM), with spreadsheet formula injection defused on export: a cell starting with = + - @, tab
 * or carriage return gets a leading apostrophe. So that import can always take it off again, a
 * cell that already starts with an apostrophe gets one more: export then import changes nothing,
 * whatever the text. Pure.
 */
const NEEDS_PREFIX = /^[=+\-@\t\r']/;

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

// csv-parse's codes for malformed quoting, in words for the person who made the file.
const SYNTAX_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  INVALID_OPENING_QUOTE: 'a quote in the middle of an unquoted cell; put the whole cell in quotes and double the inner quotes',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote; a quoted cell must end at a comma or line end',
};

/**
 * Parses CSV text into rows of cells, each with the 1-based line it starts on. Blank lines are
 * skipped; rows may have different numbers of cells (the caller decides what a short or long row
 * means). Malformed quoting throws CsvSyntaxError with its line.
 */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  let records: Array<{ record: string[]; info: InfoRecord }>;
  try {
    // With info, each record comes with where it was read (csv-parse's types leave this out).
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as typeof records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = typeof e.lines === 'number' ? e.lines : 1;
    throw new CsvSyntaxError(line, SYNTAX_MESSAGES[e.code] ?? e.message);
  }
  // csv-parse says on which line a record ends, and counts a CRLF inside a quoted cell as two lines
  // (pinned by the table tests): take those off, then the line breaks inside the record's own cells.
  let doubleCounted = 0;
  return records.map(({ record, info }) => {
    doubleCounted += record.reduce((n, cell) => n + (cell.match(/\r\n/g)?.length ?? 0), 0);
    const breaks = record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return { line: info.lines - doubleCounted - breaks, cells: record };
  });
}

/** Takes off the apostrophe that export put before a cell. */
export function unescapeCell(cell: string): string {
  return cell.startsWith("'") && NEEDS_PREFIX.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One cell's text for export, formula-like text defused (see above). */
export function escapeCell(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** A CSV file with CRLF line ends; cells quoted when RFC 4180 needs it, when defused, when they hold any line break, or when they start or end with a space. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return stringify(
    [header, ...rows].map((r) => r.map(escapeCell)),
    { record_delimiter: '\r\n', quoted_match: [/^'/, /^\s|\s$/, /[\r\n]/] },
  );
}
