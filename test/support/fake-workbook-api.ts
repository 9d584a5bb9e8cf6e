/**
 * An in-memory stand-in for Excel's JavaScript API (the parts CXM uses),
 * backed by a small workbook model that records every write.
 *
 * Used two ways:
 * - unit tests of src/excel install it as the global `Excel`;
 * - the end-to-end tests transpile this file (it must stay self-contained:
 *   no imports) into the fake office.js the browser loads in place of
 *   Microsoft's, so the built task pane runs against it.
 *
 * It is strict where Office is: a property must be loaded and synced before it
 * is read (PropertyNotLoaded), and a null object's isNullObject is known only
 * after a sync. Members it does not model return a recorder object that
 * accepts any call or assignment and logs it, so a renderer that formats
 * cells, adds charts or conditional formats runs and leaves a trace.
 */

export type FakeValue = string | number | boolean;

export interface FakeCell {
  value: FakeValue;
  formula?: string;
  numberFormat?: string;
}

export interface WriteRecord {
  kind: string;
  sheet?: string;
  address?: string;
  detail?: unknown;
}

export interface FakeSheetSpec {
  name: string;
  /** Top-left cell of `rows`, default "A1". */
  at?: string;
  rows?: FakeValue[][];
}

export interface FakeTableSpec {
  name: string;
  sheet: string;
  /** e.g. "A1:D20" (header row included). */
  range: string;
}

export interface FakeWorkbookSpec {
  sheets: FakeSheetSpec[];
  tables?: FakeTableSpec[];
  /** "Sheet1!A1:D20" or "Sheet1!B3"; default A1 of the first sheet. */
  selection?: string;
  /** Milliseconds each context.sync() takes (lets a test watch progress or press Cancel). */
  syncDelayMs?: number;
}

interface Rect {
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

// ---------- A1 helpers (self-contained on purpose) ----------

function letters(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnIndex(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const LAST_ROW = 1048575;
const LAST_COLUMN = 16383;

/** "B3", "B3:D9", whole columns "C:E" or whole rows "2:4", as a 0-based rect. */
export function parseA1(address: string): Rect {
  const [a, b = a] = address.replace(/\$/g, "").split(":");
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    const [p, q] = [columnIndex(a), columnIndex(b)];
    return { row: 0, column: Math.min(p, q), lastRow: LAST_ROW, lastColumn: Math.max(p, q) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [p, q] = [Number(a) - 1, Number(b) - 1];
    return { row: Math.min(p, q), column: 0, lastRow: Math.max(p, q), lastColumn: LAST_COLUMN };
  }
  const cell = (s: string) => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(s);
    if (!m) throw new Error(`Fake Excel: unsupported address "${address}"`);
    return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
  };
  const p = cell(a);
  const q = cell(b);
  return { row: Math.min(p.row, q.row), column: Math.min(p.column, q.column), lastRow: Math.max(p.row, q.row), lastColumn: Math.max(p.column, q.column) };
}

export function rectA1(r: Rect): string {
  const first = `${letters(r.column)}${r.row + 1}`;
  return r.row === r.lastRow && r.column === r.lastColumn ? first : `${first}:${letters(r.lastColumn)}${r.lastRow + 1}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function splitAddress(address: string): { sheet?: string; range: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { range: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

// ---------- The workbook model ----------

let nextSheetId = 1;

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  /** Worksheet.id: stable across renames. */
  readonly id = `{FAKE-${nextSheetId++}}`;
  constructor(public name: string) {}

  get(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  set(row: number, column: number, cell: FakeCell | undefined): void {
    if (cell === undefined) this.cells.delete(`${row},${column}`);
    else this.cells.set(`${row},${column}`, cell);
  }

  /** The rectangle holding every non-empty cell, or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r: Rect | null = null;
    for (const [key, cell] of this.cells) {
      if (valuesOnly && cell.value === "" && !cell.formula) continue;
      const [row, column] = key.split(",").map(Number);
      r = r
        ? { row: Math.min(r.row, row), column: Math.min(r.column, column), lastRow: Math.max(r.lastRow, row), lastColumn: Math.max(r.lastColumn, column) }
        : { row, column, lastRow: row, lastColumn: column };
    }
    return r;
  }

  /** Rows of cell values in a rectangle ("" where empty). */
  valuesIn(r: Rect): FakeValue[][] {
    const out: FakeValue[][] = [];
    for (let i = r.row; i <= r.lastRow; i++) {
      const row: FakeValue[] = [];
      for (let j = r.column; j <= r.lastColumn; j++) row.push(this.get(i, j)?.value ?? "");
      out.push(row);
    }
    return out;
  }
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: { name: string; sheet: FakeSheet; rect: Rect }[] = [];
  /** Defined names; `sheet` set for sheet-scoped ones. */
  names: { name: string; reference: string; sheet?: FakeSheet }[] = [];
  activeSheet: FakeSheet;
  selection: { sheet: FakeSheet; rect: Rect };
  log: WriteRecord[] = [];
  syncs = 0;
  syncDelayMs: number;

  constructor(spec: FakeWorkbookSpec) {
    for (const s of spec.sheets) {
      const sheet = new FakeSheet(s.name);
      const at = parseA1(s.at ?? "A1");
      (s.rows ?? []).forEach((row, i) =>
        row.forEach((value, j) => {
          if (value !== "") sheet.set(at.row + i, at.column + j, { value });
        }),
      );
      this.sheets.push(sheet);
    }
    if (this.sheets.length === 0) this.sheets.push(new FakeSheet("Sheet1"));
    for (const t of spec.tables ?? []) this.tables.push({ name: t.name, sheet: this.sheet(t.sheet)!, rect: parseA1(t.range) });
    this.activeSheet = this.sheets[0];
    const sel = splitAddress(spec.selection ?? "A1");
    const selSheet = sel.sheet ? this.sheet(sel.sheet)! : this.sheets[0];
    this.selection = { sheet: selSheet, rect: parseA1(sel.range) };
    this.activeSheet = selSheet;
    this.syncDelayMs = spec.syncDelayMs ?? 0;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toUpperCase() === name.toUpperCase());
  }

  record(kind: string, sheet?: FakeSheet, rect?: Rect, detail?: unknown): void {
    this.log.push({ kind, ...(sheet ? { sheet: sheet.name } : {}), ...(rect ? { address: rectA1(rect) } : {}), ...(detail === undefined ? {} : { detail }) });
  }

  /** The values of a sheet's used range, for assertions. */
  sheetValues(name: string): FakeValue[][] {
    const sheet = this.sheet(name);
    const used = sheet?.usedRect(false);
    return sheet && used ? sheet.valuesIn({ row: 0, column: 0, lastRow: used.lastRow, lastColumn: used.lastColumn }) : [];
  }
}

// ---------- The API objects ----------

export class FakeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

class Context {
  readonly tracked: ClientObject[] = [];
  readonly workbook: WorkbookObject;
  constructor(readonly model: FakeWorkbook) {
    this.workbook = new WorkbookObject(this);
  }

  async sync(): Promise<void> {
    this.model.syncs++;
    if (this.model.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.model.syncDelayMs));
    for (const o of this.tracked) o.afterSync();
  }
}

/** Office's load/sync discipline: properties are readable after load(...) and a sync. */
class ClientObject {
  private pending = new Set<string>();
  private loaded = new Set<string>();
  private synced = false;
  /** `preloaded`: an object Office hands back already loaded (an item of a loaded collection). */
  constructor(protected readonly ctx: Context, preloaded = false) {
    ctx.tracked.push(this);
    if (preloaded) {
      this.load();
      this.afterSync();
    }
  }

  load(what?: string | string[] | { select?: string }): this {
    const list = what === undefined ? ["*"] : typeof what === "string" ? what.split(",") : Array.isArray(what) ? what : (what.select ?? "*").split(",");
    for (const p of list) this.pending.add(p.trim().split("/")[0]);
    return this;
  }

  afterSync(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.pending.clear();
    this.synced = true;
  }

  protected need(property: string): void {
    if (!this.loaded.has(property) && !this.loaded.has("*")) {
      throw new FakeApiError("PropertyNotLoaded", `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
  }

  protected needSync(): void {
    if (!this.synced) throw new FakeApiError("PropertyNotLoaded", "isNullObject is known only after context.sync().");
  }

  toJSON(): unknown {
    return {};
  }
}

/** Accepts any member access, call or assignment and records it: the parts of the API this fake does not model. */
function recorder(ctx: Context, path: string, sheet?: FakeSheet, rect?: Rect): unknown {
  const target = function () {
    /* callable */
  };
  return new Proxy(target, {
    get(_, prop) {
      if (prop === "then") return undefined; // not a promise
      if (prop === "load") return () => recorder(ctx, path, sheet, rect);
      if (prop === "isNullObject") return false;
      if (prop === "toJSON") return () => ({ path });
      if (typeof prop === "symbol") return undefined;
      return recorder(ctx, `${path}.${prop}`, sheet, rect);
    },
    set(_, prop, value) {
      ctx.model.record(`set ${path}.${String(prop)}`, sheet, rect, value);
      return true;
    },
    apply(_, __, args) {
      ctx.model.record(`call ${path}`, sheet, rect, args.map((a) => (typeof a === "function" ? "(function)" : a)));
      return recorder(ctx, `${path}()`, sheet, rect);
    },
  });
}

class WorkbookObject extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  constructor(ctx: Context) {
    super(ctx);
    this.worksheets = new WorksheetCollection(ctx);
    this.tables = new TableCollection(ctx, undefined);
  }

  getSelectedRange(): RangeObject {
    const sel = this.ctx.model.selection;
    return new RangeObject(this.ctx, sel.sheet, sel.rect);
  }

  getActiveCell(): RangeObject {
    const sel = this.ctx.model.selection;
    return new RangeObject(this.ctx, sel.sheet, { row: sel.rect.row, column: sel.rect.column, lastRow: sel.rect.row, lastColumn: sel.rect.column });
  }

  get application(): unknown {
    return recorder(this.ctx, "application");
  }

  // Office.js hands back the same collection object on every access, so load() on it sticks.
  private namesCollection?: NameCollection;
  get names(): NameCollection {
    return (this.namesCollection ??= new NameCollection(this.ctx, undefined));
  }
}

class NameCollection extends ClientObject {
  constructor(
    ctx: Context,
    private readonly sheet: FakeSheet | undefined,
  ) {
    super(ctx);
  }

  private list() {
    return this.ctx.model.names.filter((n) => n.sheet === this.sheet);
  }

  get items(): NameObject[] {
    this.need("items");
    return this.list().map((n) => new NameObject(this.ctx, n, true));
  }

  getItemOrNullObject(name: string): NameObject {
    return new NameObject(this.ctx, this.list().find((n) => n.name.toUpperCase() === name.toUpperCase()) ?? null);
  }

  add(name: string, reference: RangeObject | string, comment?: string): NameObject {
    if (this.list().some((n) => n.name.toUpperCase() === name.toUpperCase())) throw new FakeApiError("ItemAlreadyExists", `The name ${name} exists.`);
    const ref = typeof reference === "string" ? reference : reference.fullAddress();
    const entry = { name, reference: ref, ...(this.sheet ? { sheet: this.sheet } : {}) };
    this.ctx.model.names.push(entry);
    this.ctx.model.record("addName", this.sheet, undefined, { name, reference: ref, comment });
    return new NameObject(this.ctx, entry);
  }
}

class NameObject extends ClientObject {
  constructor(
    ctx: Context,
    private readonly entry: { name: string; reference: string; sheet?: FakeSheet } | null,
    preloaded = false,
  ) {
    super(ctx, preloaded);
  }

  get isNullObject(): boolean {
    this.needSync();
    return this.entry === null;
  }

  get name(): string {
    this.need("name");
    return this.entry!.name;
  }

  /** "=" and the reference, e.g. "='LTV model'!$B$7". */
  get formula(): string {
    this.need("formula");
    return `=${this.entry!.reference}`;
  }

  delete(): void {
    this.ctx.model.names = this.ctx.model.names.filter((n) => n !== this.entry);
    this.ctx.model.record("deleteName", this.entry!.sheet, undefined, this.entry!.name);
  }
}

class WorksheetCollection extends ClientObject {
  get items(): WorksheetObject[] {
    this.need("items");
    return this.ctx.model.sheets.map((s) => new WorksheetObject(this.ctx, s, true));
  }

  getItem(name: string): WorksheetObject {
    const sheet = this.ctx.model.sheet(name);
    if (!sheet) throw new FakeApiError("ItemNotFound", `The requested resource doesn't exist: sheet ${name}.`);
    return new WorksheetObject(this.ctx, sheet);
  }

  /** By name or by id, as Excel's getItemOrNullObject(key). */
  getItemOrNullObject(key: string): WorksheetObject {
    const sheet = this.ctx.model.sheet(key) ?? this.ctx.model.sheets.find((s) => s.id === key);
    return sheet ? new WorksheetObject(this.ctx, sheet) : new WorksheetObject(this.ctx, null);
  }

  getActiveWorksheet(): WorksheetObject {
    return new WorksheetObject(this.ctx, this.ctx.model.activeSheet);
  }

  add(name?: string): WorksheetObject {
    const model = this.ctx.model;
    const wanted = name ?? `Sheet${model.sheets.length + 1}`;
    if (model.sheet(wanted)) throw new FakeApiError("ItemAlreadyExists", `A sheet named ${wanted} already exists.`);
    const sheet = new FakeSheet(wanted);
    model.sheets.push(sheet);
    model.record("addSheet", sheet);
    return new WorksheetObject(this.ctx, sheet);
  }

  getCount(): { value: number } {
    return { value: this.ctx.model.sheets.length };
  }
}

class WorksheetObject extends ClientObject {
  constructor(
    ctx: Context,
    readonly model: FakeSheet | null,
    preloaded = false,
  ) {
    super(ctx, preloaded);
  }

  get isNullObject(): boolean {
    this.needSync();
    return this.model === null;
  }

  private sheet(): FakeSheet {
    if (!this.model) throw new FakeApiError("InvalidObjectPath", "The object is a null object.");
    return this.model;
  }

  get name(): string {
    this.need("name");
    return this.sheet().name;
  }

  get id(): string {
    this.need("id");
    return this.sheet().id;
  }

  set name(value: string) {
    const s = this.sheet();
    const taken = this.ctx.model.sheet(value);
    if (taken && taken !== s) throw new FakeApiError("ItemAlreadyExists", `A sheet named ${value} already exists.`);
    this.ctx.model.record("renameSheet", s, undefined, value);
    s.name = value;
  }

  // The same collection object on every access, as in Office.js (load() on it sticks).
  private tablesCollection?: TableCollection;
  get tables(): TableCollection {
    return (this.tablesCollection ??= new TableCollection(this.ctx, this.sheet()));
  }

  getRange(address?: string): RangeObject {
    const s = this.sheet();
    if (!address) return new RangeObject(this.ctx, s, { row: 0, column: 0, lastRow: 1048575, lastColumn: 16383 });
    return new RangeObject(this.ctx, s, parseA1(splitAddress(address).range));
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeObject {
    return new RangeObject(this.ctx, this.sheet(), { row, column, lastRow: row + rows - 1, lastColumn: column + columns - 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeObject {
    const s = this.sheet();
    const used = s.usedRect(!!valuesOnly);
    return used ? new RangeObject(this.ctx, s, used) : new RangeObject(this.ctx, s, null);
  }

  activate(): void {
    this.ctx.model.activeSheet = this.sheet();
    this.ctx.model.record("activate", this.sheet());
  }

  delete(): void {
    const s = this.sheet();
    const model = this.ctx.model;
    model.sheets = model.sheets.filter((x) => x !== s);
    model.tables = model.tables.filter((t) => t.sheet !== s);
    model.names = model.names.filter((n) => n.sheet !== s);
    if (model.activeSheet === s) model.activeSheet = model.sheets[0];
    model.record("deleteSheet", s);
  }

  get freezePanes(): unknown {
    return recorder(this.ctx, "freezePanes", this.sheet());
  }

  get charts(): unknown {
    return recorder(this.ctx, "charts", this.sheet());
  }

  get pageLayout(): unknown {
    return recorder(this.ctx, "pageLayout", this.sheet());
  }

  get horizontalPageBreaks(): unknown {
    return recorder(this.ctx, "horizontalPageBreaks", this.sheet());
  }

  private namesCollection?: NameCollection;
  get names(): NameCollection {
    return (this.namesCollection ??= new NameCollection(this.ctx, this.sheet()));
  }

  set tabColor(value: string) {
    this.ctx.model.record("tabColor", this.sheet(), undefined, value);
  }

  set position(value: number) {
    this.ctx.model.record("position", this.sheet(), undefined, value);
  }
}

class TableCollection extends ClientObject {
  constructor(
    ctx: Context,
    private readonly sheet: FakeSheet | undefined,
  ) {
    super(ctx);
  }

  private list() {
    return this.ctx.model.tables.filter((t) => !this.sheet || t.sheet === this.sheet);
  }

  get items(): TableObject[] {
    this.need("items");
    return this.list().map((t) => new TableObject(this.ctx, t, true));
  }

  getItem(name: string): TableObject {
    const t = this.ctx.model.tables.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!t) throw new FakeApiError("ItemNotFound", `There is no table ${name}.`);
    return new TableObject(this.ctx, t);
  }

  getItemOrNullObject(name: string): TableObject {
    const t = this.ctx.model.tables.find((x) => x.name.toUpperCase() === name.toUpperCase());
    return new TableObject(this.ctx, t ?? null);
  }

  add(address: string, hasHeaders: boolean): TableObject {
    const { sheet: sheetName, range } = splitAddress(address);
    const sheet = sheetName ? this.ctx.model.sheet(sheetName) : this.sheet ?? this.ctx.model.activeSheet;
    if (!sheet) throw new FakeApiError("ItemNotFound", `No sheet for table at ${address}.`);
    const entry = { name: `Table${this.ctx.model.tables.length + 1}`, sheet, rect: parseA1(range) };
    this.ctx.model.tables.push(entry);
    this.ctx.model.record("addTable", sheet, entry.rect, { hasHeaders });
    return new TableObject(this.ctx, entry);
  }
}

class TableObject extends ClientObject {
  constructor(
    ctx: Context,
    private readonly entry: { name: string; sheet: FakeSheet; rect: Rect } | null,
    preloaded = false,
  ) {
    super(ctx, preloaded);
  }

  get isNullObject(): boolean {
    this.needSync();
    return this.entry === null;
  }

  get name(): string {
    this.need("name");
    return this.entry!.name;
  }

  set name(value: string) {
    this.ctx.model.record("renameTable", this.entry!.sheet, this.entry!.rect, value);
    this.entry!.name = value;
  }

  getRange(): RangeObject {
    return new RangeObject(this.ctx, this.entry!.sheet, this.entry!.rect);
  }

  set style(value: string) {
    this.ctx.model.record("tableStyle", this.entry!.sheet, this.entry!.rect, value);
  }

  set showBandedRows(value: boolean) {
    this.ctx.model.record("tableBandedRows", this.entry!.sheet, this.entry!.rect, value);
  }
}

class RangeObject extends ClientObject {
  constructor(
    ctx: Context,
    readonly sheet: FakeSheet,
    readonly rect: Rect | null,
  ) {
    super(ctx);
  }

  private r(): Rect {
    if (!this.rect) throw new FakeApiError("InvalidObjectPath", "The range is a null object.");
    return this.rect;
  }

  get isNullObject(): boolean {
    this.needSync();
    return this.rect === null;
  }

  get address(): string {
    this.need("address");
    return this.fullAddress();
  }

  fullAddress(): string {
    return `${quoteSheet(this.sheet.name)}!${rectA1(this.r())}`;
  }

  get rowCount(): number {
    this.need("rowCount");
    return this.r().lastRow - this.r().row + 1;
  }

  get columnCount(): number {
    this.need("columnCount");
    return this.r().lastColumn - this.r().column + 1;
  }

  get cellCount(): number {
    this.need("cellCount");
    const r = this.r();
    return (r.lastRow - r.row + 1) * (r.lastColumn - r.column + 1);
  }

  get rowIndex(): number {
    this.need("rowIndex");
    return this.r().row;
  }

  get columnIndex(): number {
    this.need("columnIndex");
    return this.r().column;
  }

  get values(): FakeValue[][] {
    this.need("values");
    return this.sheet.valuesIn(this.r());
  }

  set values(rows: FakeValue[][]) {
    this.write("values", rows, (value) => {
      if (typeof value === "string" && value.startsWith("=")) return { value: "", formula: value };
      if (typeof value === "string" && value.startsWith("'")) return { value: value.slice(1) };
      return { value };
    });
  }

  get formulas(): FakeValue[][] {
    this.need("formulas");
    const r = this.r();
    return this.sheet.valuesIn(r).map((row, i) => row.map((v, j) => this.sheet.get(r.row + i, r.column + j)?.formula ?? v));
  }

  set formulas(rows: FakeValue[][]) {
    this.write("formulas", rows, (value) => {
      if (typeof value === "string" && value.startsWith("=")) {
        if (!balanced(value)) throw new FakeApiError("InvalidArgument", `The formula ${value} is not valid.`);
        return { value: "", formula: value };
      }
      return { value };
    });
  }

  get numberFormat(): string[][] {
    this.need("numberFormat");
    const r = this.r();
    return this.sheet.valuesIn(r).map((row, i) => row.map((_, j) => this.sheet.get(r.row + i, r.column + j)?.numberFormat ?? "General"));
  }

  set numberFormat(rows: string[][]) {
    const r = this.r();
    const grid = this.expand(rows);
    grid.forEach((row, i) =>
      row.forEach((f, j) => {
        const cell = this.sheet.get(r.row + i, r.column + j) ?? { value: "" };
        this.sheet.set(r.row + i, r.column + j, { ...cell, numberFormat: String(f) });
      }),
    );
    this.ctx.model.record("numberFormat", this.sheet, r, grid.length * (grid[0]?.length ?? 0));
  }

  /** A single value applies to every cell (as Excel allows); otherwise the shape must match. */
  private expand<T>(rows: T[][] | T): T[][] {
    const r = this.r();
    const height = r.lastRow - r.row + 1;
    const width = r.lastColumn - r.column + 1;
    if (!Array.isArray(rows)) return Array.from({ length: height }, () => Array.from({ length: width }, () => rows));
    // Excel applies a single value, or a 1×1 array, to every cell of the range.
    if (rows.length === 1 && rows[0].length === 1 && (height > 1 || width > 1)) {
      if (height * width > 1_000_000) return [];
      return Array.from({ length: height }, () => Array.from({ length: width }, () => rows[0][0]));
    }
    if (rows.length !== height || rows.some((row) => row.length !== width)) {
      throw new FakeApiError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${rectA1(r)}.`);
    }
    return rows;
  }

  private write(kind: string, rows: FakeValue[][], toCell: (value: FakeValue) => FakeCell): void {
    const r = this.r();
    const grid = this.expand(rows);
    grid.forEach((row, i) =>
      row.forEach((value, j) => {
        const old = this.sheet.get(r.row + i, r.column + j);
        const cell = toCell(value);
        this.sheet.set(r.row + i, r.column + j, { ...cell, ...(old?.numberFormat ? { numberFormat: old.numberFormat } : {}) });
      }),
    );
    this.ctx.model.record(kind, this.sheet, r, grid.length * (grid[0]?.length ?? 0));
  }

  get worksheet(): WorksheetObject {
    return new WorksheetObject(this.ctx, this.sheet);
  }

  getCell(row: number, column: number): RangeObject {
    const r = this.r();
    return new RangeObject(this.ctx, this.sheet, { row: r.row + row, column: r.column + column, lastRow: r.row + row, lastColumn: r.column + column });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeObject {
    const r = this.r();
    const next = { ...r, lastRow: r.lastRow + deltaRows, lastColumn: r.lastColumn + deltaColumns };
    if (next.lastRow < next.row || next.lastColumn < next.column) throw new FakeApiError("InvalidArgument", "Resized to nothing.");
    return new RangeObject(this.ctx, this.sheet, next);
  }

  getOffsetRange(rows: number, columns: number): RangeObject {
    const r = this.r();
    return new RangeObject(this.ctx, this.sheet, { row: r.row + rows, column: r.column + columns, lastRow: r.lastRow + rows, lastColumn: r.lastColumn + columns });
  }

  getRow(index: number): RangeObject {
    const r = this.r();
    return new RangeObject(this.ctx, this.sheet, { ...r, row: r.row + index, lastRow: r.row + index });
  }

  getColumn(index: number): RangeObject {
    const r = this.r();
    return new RangeObject(this.ctx, this.sheet, { ...r, column: r.column + index, lastColumn: r.column + index });
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeObject {
    const r = this.r();
    return new RangeObject(this.ctx, this.sheet, { row: r.row + row, column: r.column + column, lastRow: r.row + row + rows - 1, lastColumn: r.column + column + columns - 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeObject {
    const r = this.r();
    const used = this.sheet.usedRect(!!valuesOnly);
    if (!used) return new RangeObject(this.ctx, this.sheet, null);
    const x = { row: Math.max(r.row, used.row), column: Math.max(r.column, used.column), lastRow: Math.min(r.lastRow, used.lastRow), lastColumn: Math.min(r.lastColumn, used.lastColumn) };
    return new RangeObject(this.ctx, this.sheet, x.row > x.lastRow || x.column > x.lastColumn ? null : x);
  }

  /** Excel's current region: grows from the top-left cell until bounded by empty rows and columns. */
  getSurroundingRegion(): RangeObject {
    const r = this.r();
    const filled = (row: number, column: number) => row >= 0 && column >= 0 && (this.sheet.get(row, column)?.value ?? "") !== "";
    const region = { row: r.row, column: r.column, lastRow: r.row, lastColumn: r.column };
    for (let grew = true; grew; ) {
      grew = false;
      const rowHas = (row: number) => {
        for (let c = region.column - 1; c <= region.lastColumn + 1; c++) if (filled(row, c)) return true;
        return false;
      };
      const colHas = (column: number) => {
        for (let q = region.row - 1; q <= region.lastRow + 1; q++) if (filled(q, column)) return true;
        return false;
      };
      if (region.row > 0 && rowHas(region.row - 1)) {
        region.row--;
        grew = true;
      }
      if (rowHas(region.lastRow + 1)) {
        region.lastRow++;
        grew = true;
      }
      if (region.column > 0 && colHas(region.column - 1)) {
        region.column--;
        grew = true;
      }
      if (colHas(region.lastColumn + 1)) {
        region.lastColumn++;
        grew = true;
      }
    }
    return new RangeObject(this.ctx, this.sheet, region);
  }

  select(): void {
    this.ctx.model.selection = { sheet: this.sheet, rect: this.r() };
    this.ctx.model.activeSheet = this.sheet;
    this.ctx.model.record("select", this.sheet, this.r());
  }

  clear(): void {
    const r = this.r();
    for (let i = r.row; i <= r.lastRow; i++) for (let j = r.column; j <= r.lastColumn; j++) this.sheet.set(i, j, undefined);
    this.ctx.model.record("clear", this.sheet, r);
  }

  get format(): unknown {
    return recorder(this.ctx, "format", this.sheet, this.r());
  }

  merge(across = false): void {
    this.ctx.model.record("merge", this.sheet, this.r(), { across });
  }

  get conditionalFormats(): unknown {
    return recorder(this.ctx, "conditionalFormats", this.sheet, this.r());
  }

  get dataValidation(): unknown {
    return recorder(this.ctx, "dataValidation", this.sheet, this.r());
  }
}

function balanced(formula: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of formula) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && --depth < 0) return false;
  }
  return depth === 0 && !quoted;
}

/** The `Excel` namespace over a workbook model. */
export function createFakeExcel(model: FakeWorkbook) {
  const enumProxy = new Proxy({} as Record<string, string>, { get: (_, prop) => String(prop) });
  return {
    run: async <T>(callback: (context: Context) => Promise<T>): Promise<T> => callback(new Context(model)),
    SpecialCellType: enumProxy,
    ChartType: enumProxy,
    ConditionalFormatType: enumProxy,
    ConditionalCellValueOperator: enumProxy,
    ConditionalFormatColorCriterionType: enumProxy,
    CalculationMode: enumProxy,
    ChartSeriesBy: enumProxy,
    RangeUnderlineStyle: enumProxy,
    BorderIndex: enumProxy,
    BorderLineStyle: enumProxy,
    HorizontalAlignment: enumProxy,
    ErrorCodes: enumProxy,
  };
}
