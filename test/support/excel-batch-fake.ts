/**
 * A small hand-made fake of the Excel objects src/excel/apply-plan.ts uses,
 * with the batch semantics that matter for it: calls on proxy objects are
 * queued and run at context.sync(); loaded properties can be read only after
 * the sync that loads them; a failing command stops its batch after the
 * commands before it have run (Excel batches are not transactions). Every
 * sync records the request's size (the JSON of every queued call), so tests
 * can check payloads against Excel on the web's 5 MB limit.
 *
 * office-addin-mock cannot express this: its load() does not navigate into
 * collection items ("items/name"), it has no queue of commands run at sync,
 * and no getItemOrNullObject / isNullObject. (test/support/fake-workbook-api.ts
 * is the task pane's fake, a different tool: a global Excel for the UI.)
 */
import { cellName, parseRect } from "../../src/workbook/a1";

type Cell = string | number | boolean;

export interface FakeCommand {
  /** e.g. "worksheets.add", "range.values", "range.formulas", "tables.add" */
  kind: string;
  /** Sheet name, when the command targets a sheet. */
  sheet?: string;
  args: unknown[];
  bytes: number;
  run: () => void;
}

export interface FakeRequest {
  commands: { kind: string; sheet?: string; bytes: number }[];
  bytes: number;
}

export interface FakeOptions {
  /** Existing sheets (name -> cells "A1" -> value); default one empty Sheet1. */
  sheets?: Record<string, Record<string, Cell>>;
  /** Existing workbook names. */
  names?: string[];
  /** Existing table names. */
  tables?: string[];
  /** Makes a command fail (with Excel's kind of error) when it runs. */
  failWhen?: (command: FakeCommand, index: number) => boolean;
  /**
   * Runs before the commands of sync number `index` (1-based): the workbook
   * changing while a build runs (a co-author adds a sheet or a name).
   */
  beforeSync?: (fake: FakeExcel, index: number) => void;
}

export interface FakeNameRecord {
  name: string;
  /** e.g. "LTV model!$B$7" (the name's formula without "="). */
  reference: string;
  comment?: string;
}

let nextSheetId = 1;

export class FakeSheetState {
  /** Worksheet.id: stable across renames, as in Excel. */
  readonly id = `{FAKE-SHEET-${nextSheetId++}}`;
  cells = new Map<string, Cell>();
  formats: { range: string; [k: string]: unknown }[] = [];
  tables: FakeTable[] = [];
  charts: FakeChart[] = [];
  conditionalFormats: { range: string; type: string; detail: Record<string, unknown> }[] = [];
  validations: { range: string; rule: unknown }[] = [];
  names: FakeNameRecord[] = [];
  freeze: unknown = null;
  tabColor = "";
  columnWidths: Record<string, number> = {};
  rowHeights: Record<string, number> = {};
  merges: string[] = [];
  /** Page layout as set: orientation, zoom, header sections, print titles and area. */
  print: Record<string, unknown> = {};
  constructor(public name: string) {}
}

export class FakeExcel {
  readonly state = new Map<string, FakeSheetState>();
  readonly workbookNames: FakeNameRecord[] = [];
  readonly requests: FakeRequest[] = [];
  readonly activated: string[] = [];
  calculations = 0;
  suspendedCalculation = 0;
  suspendedScreen = 0;
  private queue: FakeCommand[] = [];
  private commandCount = 0;
  private loads: (() => void)[] = [];
  /** Pass this where Office.js passes its Excel.RequestContext. */
  readonly context: Excel.RequestContext;

  constructor(private readonly options: FakeOptions = {}) {
    for (const [name, cells] of Object.entries(options.sheets ?? { Sheet1: {} })) {
      const s = new FakeSheetState(name);
      for (const [k, v] of Object.entries(cells)) s.cells.set(k, v);
      this.state.set(name, s);
    }
    for (const n of options.names ?? []) this.workbookNames.push({ name: n, reference: "Sheet1!$A$1" });
    const userTables = [...(options.tables ?? [])];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the closures below are plain functions handed to Office-shaped objects
    const fake = this;
    /** Adds load() and an `items` readable only after the loading sync (no spread: it would read the getter). */
    const loadable = <T extends object>(target: T, snapshot: () => unknown): T => {
      let loaded: unknown;
      let ready = false;
      Object.defineProperty(target, "load", {
        value() {
          fake.loads.push(() => {
            loaded = snapshot();
            ready = true;
          });
          return target;
        },
      });
      Object.defineProperty(target, "items", {
        get() {
          if (!ready) throw new Error("PropertyNotLoaded: items was read before load() and sync().");
          return loaded;
        },
      });
      return target;
    };
    const context = {
      sync: () => this.sync(),
      workbook: {
        worksheets: loadable({
          add: (name: string) => {
            const created = new FakeSheetState(name);
            const proxy = new FakeWorksheet(this, created);
            this.enqueue("worksheets.add", undefined, [name], () => {
              if (this.sheetNamed(name)) throw new Error(`ItemAlreadyExists: a sheet named ${name} exists.`);
              this.state.set(name, created);
            });
            return proxy;
          },
          /** By name or by id, as Excel's WorksheetCollection.getItemOrNullObject(key). */
          getItemOrNullObject: (key: string) => {
            const find = () => this.sheetNamed(key) ?? [...this.state.values()].find((x) => x.id === key);
            let found: FakeSheetState | undefined;
            const item = this.nullable(key, () => (found = find()) !== undefined, () => this.state.delete(found!.name), "worksheet.delete");
            return Object.defineProperty(item, "name", { get: () => (item.isNullObject ? undefined : found!.name) });
          },
        }, () =>
          [...this.state.values()].map((x) => ({
            name: x.name,
            id: x.id,
            delete: () => this.enqueue("worksheet.delete", x.name, [x.name], () => this.state.delete(x.name)),
          })),
        ),
        names: loadable({
          add: (name: string, range: FakeRange, comment?: string) => {
            this.enqueue("names.add", range.sheet.name, [name, range.address, comment], () => {
              if (this.workbookNames.some((n) => n.name.toUpperCase() === name.toUpperCase())) {
                throw new Error(`InvalidArgument: the name ${name} already exists.`);
              }
              this.workbookNames.push({ name, reference: `${range.sheet.name}!${range.address}`, comment });
            });
          },
          getItemOrNullObject: (name: string) => {
            const find = () => this.workbookNames.find((n) => n.name.toUpperCase() === name.toUpperCase());
            const item = this.nullable(
              name,
              () => find() !== undefined,
              () => this.workbookNames.splice(this.workbookNames.indexOf(find()!), 1),
              "name.delete",
            );
            // NamedItem.formula: "=" and the reference, with the sheet quoted when it needs quotes.
            return Object.defineProperty(item, "formula", {
              get: () => {
                const n = find();
                if (!n) return undefined;
                const bang = n.reference.lastIndexOf("!");
                const sheet = n.reference.slice(0, bang);
                const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
                return `=${quoted}${n.reference.slice(bang)}`;
              },
            });
          },
        }, () => this.workbookNames.map((n) => ({ name: n.name }))),
        tables: loadable({}, () =>
          [...userTables, ...[...this.state.values()].flatMap((s) => s.tables.map((t) => t.name))].map((name) => ({ name })),
        ),
        application: {
          suspendApiCalculationUntilNextSync: () =>
            this.enqueue("application.suspendCalculation", undefined, [], () => this.suspendedCalculation++),
          suspendScreenUpdatingUntilNextSync: () =>
            this.enqueue("application.suspendScreenUpdating", undefined, [], () => this.suspendedScreen++),
          calculate: (type: string) => this.enqueue("application.calculate", undefined, [type], () => this.calculations++),
        },
      },
    };
    this.context = context as unknown as Excel.RequestContext;
  }

  /** The sheet with this name, compared as Excel compares sheet names (ignoring case). */
  sheetNamed(name: string): FakeSheetState | undefined {
    return [...this.state.values()].find((x) => x.name.toUpperCase() === name.toUpperCase());
  }

  /** A user (a co-author, another add-in) adds a sheet while the add-in's build runs. */
  addUserSheet(name: string, cells: Record<string, Cell> = {}): FakeSheetState {
    const s = new FakeSheetState(name);
    for (const [k, v] of Object.entries(cells)) s.cells.set(k, v);
    this.state.set(name, s);
    return s;
  }

  /** A user adds a workbook name while the add-in's build runs. */
  addUserName(name: string, reference: string): void {
    this.workbookNames.push({ name, reference });
  }

  /** A sheet's state (throws when it does not exist). */
  sheet(name: string): FakeSheetState {
    const s = this.state.get(name);
    if (!s) throw new Error(`No sheet ${name}; sheets are ${[...this.state.keys()].join(", ")}`);
    return s;
  }

  get sheetNames(): string[] {
    return [...this.state.keys()];
  }

  get syncs(): number {
    return this.requests.length;
  }

  /** Every command sent, in order. */
  get commands(): { kind: string; sheet?: string; bytes: number }[] {
    return this.requests.flatMap((r) => r.commands);
  }

  enqueue(kind: string, sheet: string | undefined, args: unknown[], run: () => void): void {
    const bytes = JSON.stringify(args, (_, v) => (v instanceof FakeRange ? v.address : v)).length + 64;
    this.queue.push({ kind, sheet, args, bytes, run });
  }

  /** Runs `f` after the next sync's commands (a load's result arriving). */
  onNextSync(f: () => void): void {
    this.loads.push(f);
  }

  private nullable(name: string, exists: () => boolean, remove: () => void, kind: string) {
    let isNull: boolean | undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the closures below are plain functions handed to Office-shaped objects
    const fake = this;
    return {
      load() {
        fake.loads.push(() => (isNull = !exists()));
        return this;
      },
      get isNullObject() {
        if (isNull === undefined) throw new Error("PropertyNotLoaded: isNullObject was read before load() and sync().");
        return isNull;
      },
      delete() {
        fake.enqueue(kind, name, [name], () => {
          if (!exists()) throw new Error(`ItemNotFound: ${name}`);
          remove();
        });
      },
    };
  }

  private async sync(): Promise<void> {
    const batch = this.queue;
    const loads = this.loads;
    this.queue = [];
    this.loads = [];
    this.options.beforeSync?.(this, this.requests.length + 1);
    this.requests.push({
      commands: batch.map((c) => ({ kind: c.kind, sheet: c.sheet, bytes: c.bytes })),
      bytes: batch.reduce((n, c) => n + c.bytes, 0),
    });
    for (const command of batch) {
      const index = this.commandCount++;
      if (this.options.failWhen?.(command, index)) throw new Error(`InvalidArgument: ${command.kind} failed (injected).`);
      command.run();
    }
    for (const load of loads) load();
  }
}

/** A proxy object that records every property set as a command. */
function recorder(fake: FakeExcel, sheet: string, kind: string, target: Record<string, unknown> = {}): Record<string, any> {
  return new Proxy(target, {
    set: (t, key, value) => {
      fake.enqueue(`${kind}.${String(key)}`, sheet, [value], () => (t[key as string] = value));
      return true;
    },
  });
}

class FakeWorksheet {
  readonly names: { add: (name: string, range: FakeRange, comment?: string) => void };
  readonly tables: { add: (address: string, hasHeaders: boolean) => FakeTable };
  readonly charts: { add: (type: string, range: FakeRange, seriesBy: string) => FakeChart };
  readonly freezePanes: Record<string, (x: any) => void>;
  readonly pageLayout: Record<string, any>;
  readonly horizontalPageBreaks: { add: (address: string) => void };
  private idLoaded = false;
  constructor(
    readonly fake: FakeExcel,
    readonly st: FakeSheetState,
  ) {
    const state = () => st;
    this.label = st.name;
    const name = () => this.label; // the command labels: the name the add-in last gave the sheet
    const printSetting = (key: string) => (value: unknown) =>
      fake.enqueue(`pageLayout.${key}`, name(), [value], () => (state().print[key] = value));
    const header = new Proxy({} as Record<string, unknown>, {
      set: (_t, key, value) => {
        printSetting(String(key))(value);
        return true;
      },
    });
    this.pageLayout = new Proxy(
      {
        headersFooters: { defaultForAllPages: header },
        setPrintTitleRows: printSetting("printTitleRows"),
        setPrintArea: printSetting("printArea"),
      } as Record<string, any>,
      {
        set: (_t, key, value) => {
          printSetting(String(key))(value);
          return true;
        },
      },
    );
    this.horizontalPageBreaks = {
      add: (address: string) =>
        fake.enqueue("horizontalPageBreaks.add", name(), [address], () => (state().print.rowBreaks = [...((state().print.rowBreaks as string[]) ?? []), address])),
    };
    this.names = {
      add: (n, range, comment) =>
        fake.enqueue("worksheet.names.add", name(), [n, range.address, comment], () =>
          state().names.push({ name: n, reference: range.address, comment }),
        ),
    };
    this.tables = {
      add: (address, hasHeaders) => {
        const table = new FakeTable(fake, name(), address);
        fake.enqueue("tables.add", name(), [address, hasHeaders], () => state().tables.push(table));
        return table;
      },
    };
    this.charts = {
      add: (type, range, seriesBy) => {
        const chart = new FakeChart(fake, name(), type, range.address);
        fake.enqueue("charts.add", name(), [type, range.address, seriesBy], () => state().charts.push(chart));
        return chart;
      },
    };
    this.freezePanes = {
      freezeAt: (r: FakeRange) => fake.enqueue("freezePanes.freezeAt", name(), [r.address], () => (state().freeze = { at: r.address })),
      freezeRows: (n: number) => fake.enqueue("freezePanes.freezeRows", name(), [n], () => (state().freeze = { rows: n })),
      freezeColumns: (n: number) => fake.enqueue("freezePanes.freezeColumns", name(), [n], () => (state().freeze = { columns: n })),
    };
  }
  private label: string;
  /** The name as the add-in sees it: what it last assigned (Excel applies it at the next sync). */
  get name(): string {
    return this.label;
  }
  set name(value: string) {
    const before = this.label;
    this.label = value;
    this.fake.enqueue("worksheet.name", before, [value], () => {
      const taken = this.fake.sheetNamed(value);
      if (taken && taken !== this.st) throw new Error(`ItemAlreadyExists: a sheet named ${value} exists.`);
      this.fake.state.delete(this.st.name);
      this.st.name = value;
      this.fake.state.set(value, this.st);
    });
  }
  load(what: string): this {
    if (what === "id") this.fake.onNextSync(() => (this.idLoaded = true));
    return this;
  }
  get id(): string {
    if (!this.idLoaded) throw new Error("PropertyNotLoaded: id was read before load() and sync().");
    return this.st.id;
  }
  set tabColor(color: string) {
    this.fake.enqueue("worksheet.tabColor", this.name, [color], () => (this.st.tabColor = color));
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.fake, this, address);
  }
  activate(): void {
    this.fake.enqueue("worksheet.activate", this.name, [], () => this.fake.activated.push(this.st.name));
  }
}

class FakeRange {
  readonly format: Record<string, any>;
  readonly conditionalFormats: { add: (type: string) => any };
  readonly dataValidation: { rule?: unknown };
  constructor(
    readonly fake: FakeExcel,
    readonly sheet: FakeWorksheet,
    readonly address: string,
  ) {
    const formats = () => sheet.st.formats;
    const settable = (prefix: string) =>
      new Proxy({} as Record<string, unknown>, {
        set: (_t, key, value) => {
          fake.enqueue(`range.format.${prefix}${String(key)}`, sheet.name, [address, value], () =>
            formats().push({ range: address, [`${prefix}${String(key)}`]: value }),
          );
          return true;
        },
      });
    const base = settable("");
    this.format = new Proxy(
      { font: settable("font."), fill: settable("fill."), borders: { getItem: (edge: string) => settable(`border.${edge}.`) } },
      {
        set: (_t, key, value) => {
          if (key === "columnWidth") {
            fake.enqueue("range.format.columnWidth", sheet.name, [address, value], () => (sheet.st.columnWidths[address] = value));
          } else if (key === "rowHeight") {
            fake.enqueue("range.format.rowHeight", sheet.name, [address, value], () => (sheet.st.rowHeights[address] = value));
          } else base[key as string] = value;
          return true;
        },
      },
    );
    this.conditionalFormats = {
      add: (type: string) => {
        const detail: Record<string, unknown> = {};
        const part = (name: string) => ({
          format: { fill: recorder(fake, sheet.name, `cf.${name}.fill`), font: recorder(fake, sheet.name, `cf.${name}.font`) },
          set rule(rule: unknown) {
            detail.rule = rule;
          },
          get rule(): any {
            return (detail.rule ??= {});
          },
          set criteria(c: unknown) {
            detail.criteria = c;
          },
        });
        fake.enqueue("conditionalFormats.add", sheet.name, [address, type], () =>
          sheet.st.conditionalFormats.push({ range: address, type, detail }),
        );
        return { colorScale: part("colorScale"), cellValue: part("cellValue"), custom: part("custom") };
      },
    };
    this.dataValidation = {
      set rule(rule: unknown) {
        fake.enqueue("dataValidation.rule", sheet.name, [address, rule], () => sheet.st.validations.push({ range: address, rule }));
      },
    };
  }
  merge(across = false): void {
    this.fake.enqueue("range.merge", this.sheet.name, [this.address, across], () => this.sheet.st.merges.push(this.address));
  }
  set values(rows: Cell[][]) {
    this.write("range.values", rows);
  }
  set formulas(rows: Cell[][]) {
    this.write("range.formulas", rows);
  }
  set numberFormat(f: string[][]) {
    this.fake.enqueue("range.numberFormat", this.sheet.name, [this.address, f], () =>
      this.sheet.st.formats.push({ range: this.address, numberFormat: f }),
    );
  }
  private write(kind: string, rows: Cell[][]) {
    const rect = parseRect(this.address);
    if (rows.length !== rect.lastRow - rect.row + 1 || rows.some((r) => r.length !== rect.lastColumn - rect.column + 1)) {
      throw new Error(`InvalidArgument: a ${rows.length}-row array does not match ${this.address}.`);
    }
    this.fake.enqueue(kind, this.sheet.name, [this.address, rows], () => {
      const cells = this.sheet.st.cells;
      rows.forEach((row, i) => row.forEach((v, j) => cells.set(cellName(rect.row + i, rect.column + j), v)));
    });
  }
}

class FakeTable {
  name = "";
  style = "";
  showBandedRows = false;
  constructor(
    fake: FakeExcel,
    sheet: string,
    readonly address: string,
  ) {
    return new Proxy(this, {
      set: (target, key, value) => {
        fake.enqueue(`table.${String(key)}`, sheet, [value], () => ((target as any)[key] = value));
        return true;
      },
    });
  }
}

interface FakeSeries {
  name?: string;
  values?: string;
  xValues?: string;
  color?: string;
  lineStyle?: string;
  /** True once its fill was cleared (a waterfall's invisible base). */
  noFill?: boolean;
  gapWidth?: number;
}

class FakeChart {
  readonly title: Record<string, any>;
  readonly legend: Record<string, any>;
  readonly axes: Record<string, any>;
  readonly seriesList: FakeSeries[] = [];
  readonly series: { getItemAt: (i: number) => any; add: (name: string) => any };
  position: [string, string] | null = null;
  /** What displayBlanksAs was set to (at the sync that ran it). */
  blanksAs: string | null = null;
  /** Legend entries set invisible, by index. */
  hiddenLegendEntries: number[] = [];
  constructor(
    readonly fake: FakeExcel,
    readonly sheet: string,
    readonly type: string,
    firstValues: string,
  ) {
    this.title = recorder(fake, sheet, "chart.title");
    const legendEntries = {
      getItemAt: (i: number) => ({
        set visible(v: boolean) {
          fake.enqueue("chart.legend.legendEntry.visible", sheet, [i, v], () => {
            if (!v) chart.hiddenLegendEntries.push(i);
          });
        },
      }),
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- used by the plain objects above
    const chart = this;
    this.legend = recorder(fake, sheet, "chart.legend", { legendEntries } as Record<string, unknown>);
    this.axes = {
      categoryAxis: { title: recorder(fake, sheet, "chart.categoryAxis.title") },
      valueAxis: recorder(fake, sheet, "chart.valueAxis", { title: recorder(fake, sheet, "chart.valueAxis.title") }),
    };
    const seriesProxy = (s: FakeSeries) => ({
      set name(n: string) {
        fake.enqueue("chart.series.name", sheet, [n], () => (s.name = n));
      },
      setValues: (r: FakeRange) => fake.enqueue("chart.series.setValues", sheet, [r.address], () => (s.values = r.address)),
      setXAxisValues: (r: FakeRange) => fake.enqueue("chart.series.setXAxisValues", sheet, [r.address], () => (s.xValues = r.address)),
      set gapWidth(w: number) {
        fake.enqueue("chart.series.gapWidth", sheet, [w], () => (s.gapWidth = w));
      },
      format: {
        line: recorder(fake, sheet, "chart.series.line", s as Record<string, unknown>),
        fill: {
          setSolidColor: (c: string) => fake.enqueue("chart.series.fill", sheet, [c], () => (s.color = c)),
          clear: () => fake.enqueue("chart.series.fill.clear", sheet, [], () => (s.noFill = true)),
        },
      },
    });
    this.seriesList.push({ values: firstValues });
    this.series = {
      getItemAt: (i) => seriesProxy(this.seriesList[i]),
      add: (name) => {
        const s: FakeSeries = { name };
        fake.enqueue("chart.series.add", sheet, [name], () => undefined);
        this.seriesList.push(s);
        return seriesProxy(s);
      },
    };
  }
  set displayBlanksAs(v: string) {
    this.fake.enqueue("chart.displayBlanksAs", this.sheet, [v], () => (this.blanksAs = v));
  }
  setPosition(from: string, to: string): void {
    this.fake.enqueue("chart.setPosition", this.sheet, [from, to], () => (this.position = [from, to]));
  }
}
