import { patternPath } from './checkPattern';

/** A JSON syntax problem at a character offset of the text. */
export interface JsonProblem {
  offset: number;
  path: string;
  message: string;
}

/** What the text is meant to be, for messages: `pattern` in the rule editor, `flow file` in the loader. */
export interface JsonSubject {
  noun: string;
  emptyHint: string;
}

const PATTERN_SUBJECT: JsonSubject = { noun: 'pattern', emptyHint: 'write a pattern such as {"type": ["order.placed"]}' };

/** Where each value of the text starts, keyed by its pattern path (`data.total[0]`). */
export type JsonPositions = Map<string, number>;

class Stop extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Read JSON text the way JSON.parse does, but when it is not valid say where and how to
 * fix it in plain words (JSON.parse's messages differ between engines and often give no
 * position). Also reports keys that appear twice in one object, which JSON.parse silently
 * collapses, and records where every value starts so later errors can point into the text.
 *
 * @example
 * scanJson('{"type": ["a"],}')
 * // => { ok: false, problems: [{ offset: 14, path: '(pattern)', message: "remove the comma before '}': ..." }] }
 */
export function scanJson(
  text: string,
  subject: JsonSubject = PATTERN_SUBJECT,
): { ok: true; positions: JsonPositions } | { ok: false; problems: JsonProblem[] } {
  const scanner = new Scanner(text, subject);
  try {
    scanner.skipWhitespace();
    if (scanner.i >= text.length) {
      scanner.fail(`the text is empty: ${subject.emptyHint}`, []);
    }
    scanner.value([]);
    scanner.skipWhitespace();
    if (scanner.i < text.length) {
      scanner.fail(`unexpected ${scanner.describeHere()} after the end of the ${subject.noun}: remove it (a ${subject.noun} is a single JSON object)`, []);
    }
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problems: [e.problem] };
    throw e;
  }
  if (scanner.duplicates.length > 0) return { ok: false, problems: scanner.duplicates };
  return { ok: true, positions: scanner.positions };
}

class Scanner {
  i = 0;
  readonly positions: JsonPositions = new Map();
  readonly duplicates: JsonProblem[] = [];

  constructor(
    private readonly text: string,
    readonly subject: JsonSubject,
  ) {}

  fail(message: string, path: (string | number)[], offset = this.i): never {
    throw new Stop({ offset, path: patternPath(path), message });
  }

  skipWhitespace(): void {
    while (this.i < this.text.length) {
      const c = this.text[this.i] as string;
      if (WHITESPACE.has(c)) this.i++;
      else if (c === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*')) {
        this.fail('JSON has no comments: remove the comment', []);
      } else return;
    }
  }

  describeHere(): string {
    if (this.i >= this.text.length) return 'the end of the text';
    const c = this.text.codePointAt(this.i) as number;
    if (c < 0x20 || c === 0x7f) return `the control character U+${c.toString(16).padStart(4, '0').toUpperCase()}`;
    return `'${String.fromCodePoint(c)}'`;
  }

  value(path: (string | number)[]): void {
    this.skipWhitespace();
    this.positions.set(patternPath(path), this.i);
    const c = this.text[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number(path);
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.badValue(path);
  }

  private badValue(path: (string | number)[]): never {
    const c = this.text[this.i];
    if (c === undefined) this.fail(`the text ends where a value should be: finish the ${this.subject.noun} and close every { and [`, path);
    if (c === "'") this.fail(`strings need double quotes ("), not single quotes (')`, path);
    WORD.lastIndex = this.i;
    const word = WORD.exec(this.text)?.[0];
    if (word !== undefined) {
      const lower = word.toLowerCase();
      let hint = `text needs double quotes: write "${word}"`;
      if (lower === 'true' || lower === 'false' || lower === 'null') hint = `write it in lower case: ${lower}`;
      else if (['none', 'nil', 'undefined'].includes(lower)) hint = 'write null';
      else if (word === 'NaN' || word === 'Infinity') hint = 'JSON has no NaN or Infinity: use an ordinary number';
      this.fail(`${word} is not a JSON value: ${hint}`, path);
    }
    if (c === '}' || c === ']') this.fail(`expected a value before '${c}': add one, or remove the comma or colon before it`, path);
    this.fail(
      `expected a value (a "string", a number, true, false, null, a [list] or an {object}), found ${this.describeHere()}`,
      path,
    );
  }

  private object(path: (string | number)[]): void {
    const open = this.i;
    this.i++;
    const seen = new Set<string>();
    this.skipWhitespace();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      const c = this.text[this.i];
      if (c === undefined) this.unclosed('object', open, '}', path);
      if (c !== '"') {
        WORD.lastIndex = this.i;
        const word = WORD.exec(this.text)?.[0];
        if (c === "'" || word !== undefined) {
          this.fail(`property names need double quotes: write "${word ?? 'name'}"${word ? `, not ${word}` : ''}`, path);
        }
        this.fail(`expected a property name in double quotes, found ${this.describeHere()}`, path);
      }
      const keyStart = this.i;
      const key = this.string();
      if (seen.has(key)) {
        this.duplicates.push({
          offset: keyStart,
          path: patternPath([...path, key]),
          message: `${JSON.stringify(key)} appears twice in the same object: JSON keeps only the last one, so merge the two into one list or object`,
        });
      }
      seen.add(key);
      this.skipWhitespace();
      if (this.text[this.i] !== ':') {
        this.fail(`expected ':' after the property name ${JSON.stringify(key)}, found ${this.describeHere()}`, path);
      }
      this.i++;
      this.value([...path, key]);
      this.skipWhitespace();
      const next = this.text[this.i];
      if (next === '}') {
        this.i++;
        return;
      }
      if (next === undefined) this.unclosed('object', open, '}', path);
      if (next !== ',') {
        this.fail(
          `expected ',' or '}' after the value of ${JSON.stringify(key)}, found ${this.describeHere()}: add a comma between properties, or close the object with '}'`,
          path,
        );
      }
      const comma = this.i;
      this.i++;
      this.skipWhitespace();
      if (this.text[this.i] === '}') this.fail(`remove the comma before '}': JSON does not allow a trailing comma`, path, comma);
    }
  }

  private array(path: (string | number)[]): void {
    const open = this.i;
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value([...path, index]);
      this.skipWhitespace();
      const next = this.text[this.i];
      if (next === ']') {
        this.i++;
        return;
      }
      if (next === undefined) this.unclosed('list', open, ']', path);
      if (next !== ',') {
        this.fail(
          `expected ',' or ']' after item ${index + 1} of the list, found ${this.describeHere()}: add a comma between items, or close the list with ']'`,
          path,
        );
      }
      const comma = this.i;
      this.i++;
      this.skipWhitespace();
      if (this.text[this.i] === ']') this.fail(`remove the comma before ']': JSON does not allow a trailing comma`, path, comma);
    }
  }

  private unclosed(what: string, open: number, close: string, path: (string | number)[]): never {
    const { line, column } = lineColumn(this.text, open);
    this.fail(`the ${what} opened at line ${line}, column ${column} is never closed: add '${close}'`, path);
  }

  /** Read a string token and return its value. */
  private string(): string {
    const open = this.i;
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) {
        const { line, column } = lineColumn(this.text, open);
        this.fail(`the string opened at line ${line}, column ${column} is never closed: add '"'`, []);
      }
      if (c === '"') break;
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          HEX4.lastIndex = this.i + 2;
          if (!HEX4.test(this.text)) this.fail('"\\u" must be followed by four hex digits, e.g. "\\u00e9"', []);
          this.i += 6;
          continue;
        }
        if (e === undefined || !ESCAPES.has(e)) {
          this.fail(`"\\${e ?? ''}" is not a JSON escape: write "\\\\" for a backslash (escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`, []);
        }
        this.i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        this.fail(
          c === '\n' || c === '\r'
            ? 'a string cannot span lines: close it with \'"\' on the same line, or write \\n for a line break'
            : `a string cannot contain ${this.describeHere()}: write it as an escape such as \\t`,
          [],
        );
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.text.slice(open, this.i)) as string;
  }

  private number(path: (string | number)[]): void {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail(`${this.describeHere()} does not start a number: write digits after '-', e.g. -5`, path);
    const end = this.i + match[0].length;
    const after = this.text[end];
    if (after === '.' || after === 'e' || after === 'E' || (match[0].replace('-', '') === '0' && after !== undefined && after >= '0' && after <= '9')) {
      this.fail(
        `the number starting here is not valid JSON: write it like 12, -3.5 or 1e6 (no leading zeros, digits after '.' and after 'e')`,
        path,
      );
    }
    this.i = end;
  }
}

/**
 * The 1-based line and column of a character offset in a text, as editors count them.
 *
 * @example
 * lineColumn('{\n  "a": x', 9) // => { line: 2, column: 8 }
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
