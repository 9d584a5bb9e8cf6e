/**
 * A template's optional second sources in the Templates tab (the customer
 * growth's incident log): for each, the selection or an Excel table as its
 * source, its own column mapping from its own headers, how it was read, and
 * a Remove button. The state lives in useSecondarySources(), which types each
 * source exactly as the main one is typed (typed-source.ts) and hands the
 * build its rows (BuildInput.secondary). Cell contents are rendered as React
 * text, never as HTML.
 */
import * as React from "react";
import { Button, Caption1, Field, makeStyles, Select, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { detectHeader } from "../../input/headers";
import { autoMap } from "../../templates/column-mapping";
import type { ColumnMapping, Language, SecondaryInput, SecondarySourceSpec, TemplateDescriptor } from "../../templates/registry-types";
import { columnLetter, parseRangeAddress } from "../../workbook/a1";
import type { SourceData, TableInfo } from "../host";
import { pick, Strings } from "../i18n";
import { ReadSettings, TypedSource, typeSheetValues } from "../typed-source";
import { AssumptionsReport } from "./ReadReport";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "140px" },
  wrap: { overflowWrap: "anywhere" },
});

/** One second source as the pane holds it. */
export interface SecondaryState {
  source: SourceData;
  mapping: ColumnMapping;
  /** The Excel table it was read from ("" for the selection or a sample). */
  tableName: string;
  /** The source typed by src/input (null while typing). */
  typed: TypedSource | null;
  /** Bumped by every change that needs the source typed again. */
  version: number;
}

export interface SecondarySources {
  specs: SecondarySourceSpec[];
  states: Record<string, SecondaryState>;
  adopt(key: string, data: SourceData, tableName?: string): void;
  setMapping(key: string, mapping: ColumnMapping): void;
  remove(key: string): void;
  /** What the build receives (undefined when no second source is chosen); null while a chosen one is still being typed. */
  inputs: Record<string, SecondaryInput> | undefined | null;
}

/** The automatic mapping of a second source's columns from its header rows. */
function autoMapSource(spec: SecondarySourceSpec, data: SourceData): ColumnMapping {
  const layout = detectHeader(data.values.slice(0, 32));
  return autoMap(spec.columns, layout.header, layout.alternatives);
}

/** The second sources of `template`, typed as the main source is typed; cleared when the template changes. */
export function useSecondarySources(template: TemplateDescriptor | undefined, language: Language, settings: ReadSettings): SecondarySources {
  const specs = React.useMemo(() => template?.secondarySources ?? [], [template]);
  const [states, setStates] = React.useState<Record<string, SecondaryState>>({});
  React.useEffect(() => setStates({}), [template]);

  const update = (key: string, change: (s: SecondaryState) => SecondaryState) =>
    setStates((all) => (all[key] ? { ...all, [key]: change(all[key]) } : all));

  // Type each chosen source (again when its mapping, the language or the read settings change).
  const signature = specs.map((s) => (states[s.key] ? `${s.key}:${states[s.key].version}` : "")).join("|");
  React.useEffect(() => {
    let current = true;
    for (const spec of specs) {
      const state = states[spec.key];
      if (!state) continue;
      typeSheetValues(state.source.values, state.source.address, spec.columns, state.mapping, language, settings)
        .then((typed) => current && update(spec.key, (s) => ({ ...s, typed })))
        .catch(() => current && update(spec.key, (s) => ({ ...s, typed: null })));
    }
    return () => {
      current = false;
    };
    // `states` is read through `signature` (the versions): typing writes `typed` back, which must not type again.
  }, [signature, language, settings, specs]);

  const chosen = specs.filter((s) => states[s.key]);
  const inputs =
    chosen.length === 0
      ? undefined
      : chosen.some((s) => !states[s.key].typed)
        ? null
        : Object.fromEntries(chosen.map((s) => [s.key, { rows: states[s.key].typed!.rows, mapping: states[s.key].mapping, sourceLabel: states[s.key].source.address }]));

  return {
    specs,
    states,
    adopt: (key, data, tableName = "") => {
      const spec = specs.find((s) => s.key === key);
      if (spec) setStates((all) => ({ ...all, [key]: { source: data, mapping: autoMapSource(spec, data), tableName, typed: null, version: (all[key]?.version ?? 0) + 1 } }));
    },
    setMapping: (key, mapping) => update(key, (s) => ({ ...s, mapping, typed: null, version: s.version + 1 })),
    remove: (key) =>
      setStates((all) => {
        const rest = { ...all };
        delete rest[key];
        return rest;
      }),
    inputs,
  };
}

export interface SecondarySourceSectionProps {
  spec: SecondarySourceSpec;
  sources: SecondarySources;
  tables: TableInfo[] | null;
  /** Reads the selection or a table (the pane's own readers, with its error handling). */
  read(what: "selection" | { table: string }): Promise<SourceData | null>;
  refreshTables(): void;
  disabled: boolean;
  language: Language;
  strings: Strings;
}

/** One second source: where it comes from, its columns, how it was read. */
export function SecondarySourceSection({ spec, sources, tables, read, refreshTables, disabled, language, strings: t }: SecondarySourceSectionProps) {
  const styles = useStyles();
  const uid = React.useId();
  const state = sources.states[spec.key];
  const label = pick(spec.label, language);
  const layout = React.useMemo(() => (state ? detectHeader(state.source.values.slice(0, 32)) : null), [state]);
  const headers = layout?.header ?? [];
  const firstColumn = parseRangeAddress(state?.source.address)?.column ?? 1;
  const headerText = (i: number) => {
    const h = headers[i];
    const text = h === null || h === undefined ? "" : String(h).trim();
    return text || t.untitledColumn(columnLetter(firstColumn + i));
  };
  const use = async (what: "selection" | { table: string }) => {
    const data = await read(what);
    if (data) sources.adopt(spec.key, data, typeof what === "string" ? "" : what.table);
  };

  return (
    <section className={styles.section} aria-labelledby={`${uid}-title`}>
      <Subtitle2 as="h2" id={`${uid}-title`}>
        {t.secondaryHeading(label)}
      </Subtitle2>
      <Caption1>{pick(spec.description, language)}</Caption1>
      <div className={styles.row}>
        <Button onClick={() => void use("selection")} disabled={disabled} aria-label={t.secondaryUseSelection(label)}>
          {t.useSelection}
        </Button>
        <Field label={t.secondaryTableLabel(label)} className={styles.grow}>
          <Select
            value={state?.tableName ?? ""}
            disabled={disabled || (tables !== null && tables.length === 0)}
            onFocus={refreshTables}
            onChange={(_, d) => {
              if (d.value) void use({ table: d.value });
            }}
          >
            <option value="">{tables !== null && tables.length === 0 ? t.noTables : t.tablePlaceholder}</option>
            {(tables ?? []).map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </Select>
        </Field>
        {state && (
          <Button onClick={() => sources.remove(spec.key)} disabled={disabled} aria-label={t.secondaryRemoveLabel(label)}>
            {t.secondaryRemove}
          </Button>
        )}
      </div>
      <div aria-live="polite" className={styles.wrap}>
        <Text>{state ? t.sourceSummary(state.source.address, state.typed ? state.typed.rows.length : Math.max(0, state.source.values.length - 1)) : t.secondaryNone}</Text>
      </div>
      {state?.typed && <AssumptionsReport lines={state.typed.lines} strings={t} label={t.secondaryReadLabel(label)} />}
      {state &&
        spec.columns.map((column) => (
          <Field
            key={column.key}
            label={t.secondaryColumnLabel(label, `${pick(column.label, language)} (${column.required ? t.requiredSuffix : t.optionalSuffix})`)}
            required={column.required}
          >
            <Select
              value={String(state.mapping[column.key] ?? -1)}
              disabled={disabled}
              onChange={(_, d) => sources.setMapping(spec.key, { ...state.mapping, [column.key]: Number(d.value) })}
            >
              <option value="-1">{t.notMapped}</option>
              {headers.map((_, i) => (
                <option key={i} value={String(i)}>
                  {headerText(i)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
    </section>
  );
}
