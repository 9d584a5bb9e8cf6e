/**
 * What the task pane, the CLI and the demo need to know about a template,
 * without knowing how it builds: its columns (for automatic mapping from
 * headers in English or Spanish), its options, how to validate source rows
 * (naming the bad ones before anything is written), how to build a plan from
 * the good rows, and a sample to insert.
 */
import type { TemplateIntake } from "../intake/types";
import type { WorkbookPlan } from "../workbook/plan";

export type Language = "en" | "es";

/** Where a build runs: the sheets point the reader to that surface's report of left-out rows. */
export type Surface = "taskpane" | "cli";
export type Localized = Record<Language, string>;

export type ColumnKind = "id" | "date" | "number" | "text" | "score";

export interface ColumnSpec {
  /** Key used in a mapping, e.g. "customer". */
  key: string;
  label: Localized;
  required: boolean;
  kind: ColumnKind;
  /** Header names that map to this column automatically (lower case, en and es): "customer", "cliente", "customer_id". */
  synonyms: string[];
  /**
   * The most characters a value may have, when the template writes it where
   * Excel takes fewer than a cell's 32,767 (a COUNTIFS criterion: 255).
   * Longer values are row problems (see excel-limits.ts).
   */
  maxLength?: number;
  /**
   * Several source columns feed this column, each a series of its own
   * (attribute ratings: "Atención", "Precio", "Rapidez"). Such a column
   * never takes an index in ColumnMapping: its source columns are listed
   * under its key in BuildInput.groups, proposed from headers that start
   * with one of its synonyms ("Rating: Price", "Valoración - Precio";
   * column-mapping.ts autoGroups) and chosen by the user (the task pane's
   * multi-select, the CLI's repeated --map key=Header). Never required.
   */
  multiple?: boolean;
}

/** One source column of a `multiple` template column: its 0-based index in the source and the label it goes by ("Precio"). */
export interface GroupedColumn {
  index: number;
  label: string;
}

/** The source columns of each `multiple` template column, by its key, in the source's order. */
export type ColumnGroups = Record<string, GroupedColumn[]>;

export interface OptionSpec {
  key: string;
  label: Localized;
  /** "text": free text the template reads itself (e.g. a list of segments); "" is a valid value and may be the default. */
  kind: "choice" | "number" | "text";
  /** For "choice": the allowed values and their labels. */
  choices?: { value: string; label: Localized }[];
  /** For "text": shown in the empty box (and by `cxm list`), e.g. what an empty value means. Never a substitute for the label. */
  placeholder?: Localized;
  default: string | number;
}

/** Which source column (0-based index in the source range) feeds each template column; -1 = not mapped. */
export type ColumnMapping = Record<string, number>;

export interface RowProblem {
  /** 0-based index of the data row in the source (header excluded). */
  row: number;
  /** The template column at fault. */
  column: string;
  message: Localized;
  /** The secondary source the row is in (its key, e.g. "incidents"); absent for the main source. */
  source?: string;
}

/** Something the user should know about rows that are used (not a problem): "3 rows have no amount: they count for customers, not revenue". */
export interface ReportNote {
  message: Localized;
  /** 0-based data rows it concerns (the first few), for the CLI to name by line and the pane by sheet row. */
  rows?: number[];
  /** The secondary source those rows are in; absent for the main source. */
  source?: string;
}

export interface ValidationReport {
  /** Data rows that will be used. */
  goodRows: number;
  /** Problems, at most one per row, in row order (the first ~100 are shown to the user). */
  problems: RowProblem[];
  /** Problems that stop the build whatever the user accepts (e.g. a required column not mapped, no good row). */
  blocking: Localized[];
  /** What was assumed or kept partly (answers counted as "no answer", amounts left out of revenue). */
  notes?: ReportNote[];
}

export interface BuildInput {
  /** The source's data rows (header excluded), as Excel values. */
  rows: unknown[][];
  mapping: ColumnMapping;
  options: Record<string, string | number>;
  /** Where the data came from, stated on the generated sheets, e.g. "Sheet1!A1:D2001". */
  sourceLabel: string;
  /** When the build ran (stated on the sheets); injected so builds are reproducible in tests. */
  builtAt: Date;
  language: Language;
  /** Which surface builds: the task pane or the cxm command line (the sheets say where the left-out rows are listed). */
  surface: Surface;
  /** The source columns of the template's `multiple` columns (absent or empty: none chosen). */
  groups?: ColumnGroups;
  /** The template's secondary sources that were given, by key (TemplateDescriptor.secondarySources). */
  secondary?: Record<string, SecondaryInput>;
}

/**
 * A second source a template reads beside its main one, always optional (the
 * customer growth's incident log): its own columns, mapped from its own
 * headers as the main source's are (the CLI's --with key=file and
 * --map key.column=Header, the task pane's second source), and its own sample.
 */
export interface SecondarySourceSpec {
  /** Its key in BuildInput.secondary and on the command line ("incidents"). */
  key: string;
  label: Localized;
  /** One line: what it holds and what the build shows with it. */
  description: Localized;
  columns: ColumnSpec[];
  /** Sample rows under a header in `language`, consistent with the template's own sample. */
  sample(language?: Language): unknown[][];
}

/** A secondary source's rows as a build receives them. */
export interface SecondaryInput {
  /** Data rows (header excluded), as Excel values. */
  rows: unknown[][];
  mapping: ColumnMapping;
  /** Where they came from, e.g. "incidents.csv" or "Sheet2!A1:C40". */
  sourceLabel: string;
}

/**
 * A headline number of a built template: the value the metrics core computes
 * from the same input, and the cell where the workbook shows it (so the demo
 * can print it and the LibreOffice test can check the recalculated cell).
 */
export interface Headline {
  label: Localized;
  /** Computed by src/metrics (not read from the plan). */
  value: number;
  /** How to print it: "percent" for fractions (0.42 -> 42.0%), "points" for NPS-like scores. */
  kind: "number" | "money" | "percent" | "ratio" | "points" | "months";
  /** Key of the plan's sheet that shows it (SheetPlan.key) and the cell there, e.g. "B18". */
  sheet: string;
  cell: string;
}

export interface TemplateDescriptor {
  id: string;
  title: Localized;
  /** One line shown in the template list. */
  description: Localized;
  /** Empty for templates that start from inputs only (the LTV:CAC model, the KPI scorecard). */
  columns: ColumnSpec[];
  options: OptionSpec[];
  validate(input: BuildInput): ValidationReport;
  /** Builds from the rows that passed validation (bad rows are left out). */
  build(input: BuildInput): WorkbookPlan;
  /** Sample source data: a header row (in `language`, for templates that localize it) then data rows, for "Insert sample data". */
  sample(language?: Language): unknown[][];
  /**
   * Columns of an optional table of inputs, for templates with no `columns`
   * that can still read a list from a file (the KPI scorecard's KPIs from a
   * CSV): the CLI maps them like `columns`. Undefined for the others.
   */
  inputColumns?: ColumnSpec[];
  /** The headline numbers of the build (same input as build), for the demo's summary and the LibreOffice check. */
  headlines?(input: BuildInput): Headline[];
  /** Optional second sources (an incident log beside a transaction log); undefined for most templates. */
  secondarySources?: SecondarySourceSpec[];
  /**
   * The template's source as typed chunks, reduced as they stream, and its
   * workbook from an aggregate (src/intake/types.ts): how the CLI streams a
   * file of any size, and builds from DuckDB or a warehouse result. Optional
   * while templates move to it (docs/templates.md, "Streaming intake").
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each template's own aggregate type
  intake?: TemplateIntake<any>;
}
