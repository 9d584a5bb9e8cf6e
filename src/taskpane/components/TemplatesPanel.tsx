/**
 * The Templates tab: pick a template, choose the source (selection, Excel
 * table or the template's sample), correct the automatic column mapping, read
 * the validation summary (bad rows named before anything is written), set the
 * options, and build with a progress bar and Cancel. Everything the user's
 * cells contain is rendered as React text, never as HTML.
 */
import * as React from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { BuildInput, ColumnGroups, ColumnMapping, Language, TemplateDescriptor, ValidationReport } from "../../templates/registry-types";
import { columnLetter, parseRangeAddress } from "../../workbook/a1";
import type { ExcelHost, SourceData, TableInfo } from "../host";
import { pick, Strings } from "../i18n";
import { detectHeader } from "../../input/headers";
import { autoGroups, autoMap, sharedSourceColumns, unmappedRequired } from "../../templates/column-mapping";
import { AUTO_SETTINGS, ReadSettings, TypedSource, typeSheetValues } from "../typed-source";
import { ColumnGroupField } from "./ColumnGroupField";
import { AssumptionsReport, ReadSettingsFields } from "./ReadReport";
import { SecondarySourceSection, SecondarySources, useSecondarySources } from "./SecondarySources";
import { errorText } from "./errors";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, paddingBlock: tokens.spacingVerticalM },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, border: "none", margin: 0, padding: 0, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "140px" },
  description: { display: "block", color: tokens.colorNeutralForeground3 },
  radioLabel: { display: "flex", flexDirection: "column" },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, maxHeight: "12em", overflowY: "auto", overflowWrap: "anywhere" },
  wrap: { overflowWrap: "anywhere" },
});

type Phase =
  | { kind: "idle" }
  | { kind: "building"; fraction: number | null; cancelling: boolean }
  | { kind: "done"; sheets: string[] }
  | { kind: "cancelled" }
  | { kind: "failed"; message: string };

type Notice = { intent: "info" | "success" | "error" | "warning"; text: string } | null;

/** The most problems listed; the rest are counted. */
const MAX_LISTED = 100;

export interface TemplatesPanelProps {
  templates: TemplateDescriptor[];
  host: ExcelHost;
  language: Language;
  strings: Strings;
  /** The build time stamped on sheets; injectable for reproducible tests. */
  now?: () => Date;
}

function defaultOptions(template: TemplateDescriptor | undefined): Record<string, string | number> {
  const options: Record<string, string | number> = {};
  for (const o of template?.options ?? []) options[o.key] = o.default;
  return options;
}

/** Lets React paint (the progress bar) before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function TemplatesPanel({ templates, host, language, strings: t, now = () => new Date() }: TemplatesPanelProps) {
  const styles = useStyles();
  const [templateId, setTemplateId] = React.useState<string | undefined>(templates[0]?.id);
  const template = templates.find((x) => x.id === templateId);
  const [source, setSource] = React.useState<SourceData | null>(null);
  const [mapping, setMapping] = React.useState<ColumnMapping>({});
  // The source columns of the template's columns fed by several (attribute ratings).
  const [groups, setGroups] = React.useState<ColumnGroups>({});
  const [options, setOptions] = React.useState<Record<string, string | number>>(() => defaultOptions(template));
  const [tables, setTables] = React.useState<TableInfo[] | null>(null);
  const [tableName, setTableName] = React.useState("");
  const [reading, setReading] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice>(null);
  const [phase, setPhase] = React.useState<Phase>({ kind: "idle" });
  const cancelRequested = React.useRef(false);
  const uid = React.useId();

  const needsSource = (template?.columns.length ?? 0) > 0;
  // The header as the reader finds it (a title above it, a survey tool's two or three header rows).
  const layout = React.useMemo(() => (source ? detectHeader(source.values.slice(0, 32)) : null), [source]);
  const headers = layout?.header ?? [];
  const [settings, setSettings] = React.useState<ReadSettings>(AUTO_SETTINGS);
  const [typed, setTyped] = React.useState<TypedSource | null>(null);
  const dataRows = typed?.rows ?? [];
  const building = phase.kind === "building";
  // A template's optional second sources (the customer growth's incident log), typed the same way.
  const secondary = useSecondarySources(template, language, settings);

  const refreshTables = React.useCallback(async () => {
    try {
      setTables(await host.listTables());
    } catch {
      setTables([]);
    }
  }, [host]);

  React.useEffect(() => {
    void refreshTables();
  }, [refreshTables]);

  const chooseTemplate = (id: string) => {
    const next = templates.find((x) => x.id === id);
    setTemplateId(id);
    setOptions(defaultOptions(next));
    adoptMapping(next && source ? autoMapSource(next, source) : null);
    setPhase({ kind: "idle" });
    setNotice(null);
  };

  const adoptMapping = (proposed: { mapping: ColumnMapping; groups: ColumnGroups } | null) => {
    setMapping(proposed?.mapping ?? {});
    setGroups(proposed?.groups ?? {});
  };

  const adoptSource = (data: SourceData) => {
    setSource(data);
    adoptMapping(template ? autoMapSource(template, data) : null);
    setPhase({ kind: "idle" });
  };

  const readWith = async (read: () => Promise<SourceData>) => {
    setReading(true);
    setNotice(null);
    try {
      const data = await read();
      adoptSource(data);
      if (data.values.length < 2) setNotice({ intent: "warning", text: t.headerOnly });
    } catch (e) {
      setNotice({ intent: "error", text: sourceErrorText(e, t) });
    } finally {
      setReading(false);
    }
  };

  /** Reads the selection or a table for a second source; a failure is a notice, and null. */
  const readSecondary = async (what: "selection" | { table: string }): Promise<SourceData | null> => {
    setReading(true);
    setNotice(null);
    try {
      const data = what === "selection" ? await host.readSelection() : await host.readTable(what.table);
      if (data.values.length < 2) setNotice({ intent: "warning", text: t.headerOnly });
      return data;
    } catch (e) {
      setNotice({ intent: "error", text: sourceErrorText(e, t) });
      return null;
    } finally {
      setReading(false);
    }
  };

  const insertSample = async () => {
    if (!template) return;
    setReading(true);
    setNotice(null);
    try {
      const sample = template.sample(language);
      const written = await host.insertSample(t.sampleSheetName(pick(template.title, language)), sample);
      const sheet = parseRangeAddress(written.address)?.sheet ?? "";
      if (needsSource) {
        adoptSource(written);
        setTableName("");
        // Each second source's sample goes on a sheet of its own and becomes that source.
        const lines = [t.sampleInserted(sheet)];
        for (const spec of secondary.specs) {
          const second = await host.insertSample(t.sampleSheetName(pick(spec.label, language)), spec.sample(language));
          secondary.adopt(spec.key, second);
          lines.push(t.secondarySampleInserted(pick(spec.label, language), parseRangeAddress(second.address)?.sheet ?? ""));
        }
        setNotice({ intent: "success", text: lines.join(" ") });
      } else {
        setNotice({ intent: "success", text: t.sampleInsertedNoSource(sheet) });
      }
      void refreshTables();
    } catch (e) {
      setNotice({ intent: "error", text: t.excelFailed(errorText(e)) });
    } finally {
      setReading(false);
    }
  };

  const missing = template ? unmappedRequired(template.columns, mapping) : [];
  // The source typed by src/input, as the CLI types a file, for the mapped columns.
  React.useEffect(() => {
    let current = true;
    setTyped(null);
    if (!template || !source || !needsSource) return;
    typeSheetValues(source.values, source.address, template.columns, mapping, language, settings, groups)
      .then((t) => current && setTyped(t))
      .catch(() => current && setTyped(null));
    return () => {
      current = false;
    };
  }, [template, source, needsSource, mapping, groups, language, settings]);

  const input: BuildInput | null = React.useMemo(() => {
    if (!template) return null;
    if (needsSource && (!source || !typed || missing.length > 0)) return null;
    // A second source still being typed: wait for it.
    if (secondary.inputs === null) return null;
    const built: BuildInput = { rows: needsSource ? dataRows : [], mapping, groups, options, sourceLabel: source?.address ?? "", builtAt: now(), language, surface: "taskpane" };
    if (secondary.inputs) built.secondary = secondary.inputs;
    return built;
    // `missing` is derived from mapping; `now` is stamped again when the build starts.
  }, [template, needsSource, source, typed, dataRows, mapping, groups, options, language, missing.length, secondary.inputs]);

  const report: ValidationReport | { error: string } | null = React.useMemo(() => {
    if (!template || !input) return null;
    try {
      return template.validate(input);
    } catch (e) {
      return { error: errorText(e) };
    }
  }, [template, input]);

  const validReport = report && !("error" in report) ? report : null;
  const canBuild =
    !!template && !!input && !!validReport && validReport.blocking.length === 0 && (!needsSource || validReport.goodRows > 0) && !building && !reading;

  const build = async () => {
    if (!template || !input) return;
    cancelRequested.current = false;
    setNotice(null);
    setPhase({ kind: "building", fraction: null, cancelling: false });
    await nextFrame();
    try {
      const plan = template.build({ ...input, builtAt: now() });
      if (cancelRequested.current) {
        setPhase({ kind: "cancelled" });
        return;
      }
      const outcome = await host.applyPlan(plan, {
        onProgress: (fraction) =>
          setPhase((p) => (p.kind === "building" ? { ...p, fraction: Math.max(0, Math.min(1, fraction)) } : p)),
        isCancelled: () => cancelRequested.current,
      });
      setPhase(outcome.status === "done" ? { kind: "done", sheets: outcome.sheets } : { kind: "cancelled" });
      if (outcome.status === "done") void refreshTables();
    } catch (e) {
      setPhase({ kind: "failed", message: errorText(e) });
    }
  };

  const cancel = () => {
    cancelRequested.current = true;
    setPhase((p) => (p.kind === "building" ? { ...p, cancelling: true } : p));
  };

  if (templates.length === 0) {
    return (
      <div className={styles.panel}>
        <Text>{t.noTemplates}</Text>
      </div>
    );
  }

  const firstColumn = parseRangeAddress(source?.address)?.column ?? 1;
  const headerText = (i: number) => {
    const h = headers[i];
    const text = h === null || h === undefined ? "" : String(h).trim();
    return text || t.untitledColumn(columnLetter(firstColumn + i));
  };
  const shared = template ? sharedSourceColumns(template.columns, mapping) : [];

  return (
    <div className={styles.panel}>
      <fieldset className={styles.section}>
        <legend>
          <Subtitle2 as="h2">{t.templateHeading}</Subtitle2>
        </legend>
        <RadioGroup value={templateId} onChange={(_, d) => chooseTemplate(d.value)} aria-label={t.templateHeading} disabled={building}>
          {templates.map((x) => (
            <Radio
              key={x.id}
              value={x.id}
              label={
                <span className={styles.radioLabel}>
                  <Body1Strong>{pick(x.title, language)}</Body1Strong>
                  <Caption1 className={styles.description}>{pick(x.description, language)}</Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
        <div className={styles.row}>
          <Button onClick={insertSample} disabled={!template || reading || building} aria-label={template ? t.insertSampleLabel(pick(template.title, language)) : t.insertSample}>
            {t.insertSample}
          </Button>
        </div>
      </fieldset>

      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody className={styles.wrap}>{notice.text}</MessageBarBody>
        </MessageBar>
      )}

      {template && !needsSource && <Text>{t.inputsOnly}</Text>}

      {template && needsSource && (
        <section className={styles.section} aria-labelledby={`${uid}-source`}>
          <Subtitle2 as="h2" id={`${uid}-source`}>
            {t.sourceHeading}
          </Subtitle2>
          <Caption1>{t.sourceHint}</Caption1>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void readWith(() => host.readSelection())} disabled={reading || building}>
              {t.useSelection}
            </Button>
            <Field label={t.tableLabel} className={styles.grow}>
              <Select
                value={tableName}
                disabled={reading || building || (tables !== null && tables.length === 0)}
                onFocus={() => void refreshTables()}
                onChange={(_, d) => {
                  setTableName(d.value);
                  if (d.value) void readWith(() => host.readTable(d.value));
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
          </div>
          <div aria-live="polite" className={styles.wrap}>
            {reading ? (
              <Spinner size="tiny" label={t.reading} />
            ) : (
              <Text>{source ? t.sourceSummary(source.address, typed ? typed.rows.length : Math.max(0, source.values.length - 1)) : t.noSource}</Text>
            )}
          </div>
          {source && <ReadSettingsFields settings={settings} onChange={setSettings} disabled={reading || building} strings={t} />}
          {typed && <AssumptionsReport lines={typed.lines} strings={t} />}
        </section>
      )}

      {template && needsSource && source && (
        <section className={styles.section} aria-labelledby={`${uid}-columns`}>
          <Subtitle2 as="h2" id={`${uid}-columns`}>
            {t.columnsHeading}
          </Subtitle2>
          <Caption1>{t.columnsHint}</Caption1>
          {template.columns.filter((c) => !c.multiple).map((column) => (
            <Field
              key={column.key}
              label={`${pick(column.label, language)} (${column.required ? t.requiredSuffix : t.optionalSuffix})`}
              required={column.required}
            >
              <Select
                value={String(mapping[column.key] ?? -1)}
                disabled={building}
                onChange={(_, d) => setMapping((m) => ({ ...m, [column.key]: Number(d.value) }))}
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
          {template.columns.filter((c) => c.multiple).map((column) => (
            <ColumnGroupField
              key={column.key}
              column={column}
              headers={headers}
              headerText={headerText}
              selected={groups[column.key] ?? []}
              used={new Set(Object.values(mapping).filter((i) => i >= 0))}
              disabled={building}
              language={language}
              strings={t}
              onChange={(next) => setGroups((g) => ({ ...g, [column.key]: next }))}
            />
          ))}
          {shared.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody className={styles.wrap}>{t.sharedColumn(shared.map(headerText).join(", "))}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}

      {template &&
        needsSource &&
        secondary.specs.map((spec) => (
          <SecondarySourceSection
            key={spec.key}
            spec={spec}
            sources={secondary}
            tables={tables}
            read={readSecondary}
            refreshTables={() => void refreshTables()}
            disabled={reading || building}
            language={language}
            strings={t}
          />
        ))}

      {template && (!needsSource || source) && (
        <section className={styles.section} aria-labelledby={`${uid}-check`}>
          <Subtitle2 as="h2" id={`${uid}-check`}>
            {t.checkHeading}
          </Subtitle2>
          <div role="region" aria-label={t.checkLabel} aria-live="polite" className={styles.wrap}>
            {missing.length > 0 && needsSource && (
              <MessageBar intent="error">
                <MessageBarBody>{t.mapRequired(missing.map((c) => pick(c.label, language)).join(", "))}</MessageBarBody>
              </MessageBar>
            )}
            {report && "error" in report && (
              <MessageBar intent="error">
                <MessageBarBody>{t.failed(report.error)}</MessageBarBody>
              </MessageBar>
            )}
            {validReport && (
              <ValidationSummary report={validReport} needsSource={needsSource} sheetRows={typed?.sheetRows ?? []} secondary={secondary} language={language} strings={t} />
            )}
          </div>
        </section>
      )}

      {template && (
        <section className={styles.section} aria-labelledby={`${uid}-options`}>
          <Subtitle2 as="h2" id={`${uid}-options`}>
            {t.optionsHeading}
          </Subtitle2>
          {template.options.length === 0 && <Caption1>{t.noOptions}</Caption1>}
          {template.options.map((o) => (
            <Field key={o.key} label={pick(o.label, language)}>
              {o.kind === "choice" ? (
                <Select
                  value={String(options[o.key] ?? o.default)}
                  disabled={building}
                  onChange={(_, d) => setOptions((x) => ({ ...x, [o.key]: d.value }))}
                >
                  {(o.choices ?? []).map((c) => (
                    <option key={c.value} value={c.value}>
                      {pick(c.label, language)}
                    </option>
                  ))}
                </Select>
              ) : o.kind === "text" ? (
                <Input
                  value={String(options[o.key] ?? o.default)}
                  placeholder={o.placeholder ? pick(o.placeholder, language) : undefined}
                  disabled={building}
                  onChange={(_, d) => setOptions((x) => ({ ...x, [o.key]: d.value }))}
                />
              ) : (
                <NumberOption
                  value={Number(options[o.key] ?? o.default)}
                  disabled={building}
                  onChange={(v) => setOptions((x) => ({ ...x, [o.key]: v }))}
                />
              )}
            </Field>
          ))}
        </section>
      )}

      {template && (
        <section className={styles.section} aria-label={t.build}>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void build()} disabled={!canBuild} aria-label={t.buildLabel(pick(template.title, language))}>
              {t.build}
            </Button>
            {building && (
              <Button onClick={cancel} disabled={phase.kind === "building" && phase.cancelling} aria-label={t.cancelLabel}>
                {t.cancel}
              </Button>
            )}
          </div>
          {phase.kind === "building" && (
            <Field
              label={t.progressLabel}
              validationState="none"
              validationMessage={
                phase.cancelling ? t.cancelling : phase.fraction === null ? t.computing : t.writing(String(Math.round(phase.fraction * 100)))
              }
            >
              <ProgressBar value={phase.fraction ?? undefined} max={1} thickness="large" />
            </Field>
          )}
          <div aria-live="polite" role="status" className={styles.wrap}>
            {phase.kind === "done" && phase.sheets.length > 0 && (
              <MessageBar intent="success">
                <MessageBarBody>
                  {t.built(phase.sheets[0])}
                  {phase.sheets.length > 1 && ` ${t.builtMore(phase.sheets.length - 1)}`}{" "}
                  <Link as="button" onClick={() => void host.activateSheet(phase.sheets[0]).catch(() => undefined)}>
                    {t.openSheet(phase.sheets[0])}
                  </Link>
                </MessageBarBody>
              </MessageBar>
            )}
            {phase.kind === "cancelled" && (
              <MessageBar intent="warning">
                <MessageBarBody>{t.cancelled}</MessageBarBody>
              </MessageBar>
            )}
            {phase.kind === "failed" && (
              <MessageBar intent="error">
                <MessageBarBody>{t.failed(phase.message)}</MessageBarBody>
              </MessageBar>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

/** The automatic mapping of a template's columns from the source's header rows, and of its columns fed by several. */
function autoMapSource(template: TemplateDescriptor, data: SourceData): { mapping: ColumnMapping; groups: ColumnGroups } {
  const layout = detectHeader(data.values.slice(0, 32));
  const mapping = autoMap(template.columns, layout.header, layout.alternatives);
  return { mapping, groups: autoGroups(template.columns, layout.header, mapping, layout.alternatives) };
}

function sourceErrorText(e: unknown, t: Strings): string {
  const problem = (e as { problem?: string })?.problem;
  if (problem === "emptySelection") return t.emptySelection;
  if (problem === "tableNotFound") return t.tableNotFound;
  return t.excelFailed(errorText(e));
}

interface ValidationSummaryProps {
  report: ValidationReport;
  needsSource: boolean;
  /** The sheet row of each data row (the reader skips title, header and blank rows). */
  sheetRows: number[];
  /** The second sources, whose problems are named with their label and their own sheet rows. */
  secondary: SecondarySources;
  language: Language;
  strings: Strings;
}

/** Rows ready, blocking problems, and the bad rows by their sheet row number. */
function ValidationSummary({ report, needsSource, sheetRows, secondary, language, strings: t }: ValidationSummaryProps) {
  const styles = useStyles();
  const listed = report.problems.slice(0, MAX_LISTED);
  /** "Row 7" for the main source, "Incident log, row 5" for a second one. */
  const rowOf = (row: number, source?: string) => {
    if (!source) return t.rowLabel(String(sheetRows[row] ?? row + 2));
    const spec = secondary.specs.find((s) => s.key === source);
    const rows = secondary.states[source]?.typed?.sheetRows ?? [];
    return t.secondaryRowLabel(spec ? pick(spec.label, language) : source, String(rows[row] ?? row + 2));
  };
  return (
    <>
      {report.blocking.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t.cannotBuild}
            <ul className={styles.problems}>
              {report.blocking.map((b, i) => (
                <li key={i}>{pick(b, language)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {needsSource && <Text block>{t.rowsReady(report.goodRows)}</Text>}
      {needsSource && report.problems.length === 0 && report.blocking.length === 0 && <Text block>{t.allRowsGood}</Text>}
      {report.problems.length > 0 && (
        <>
          <Text block>{t.rowsLeftOut(report.problems.length)}</Text>
          <ul className={styles.problems}>
            {listed.map((p) => (
              <li key={`${p.source ?? ""}-${p.row}-${p.column}`}>
                <Body1Strong>{rowOf(p.row, p.source)}</Body1Strong>: {pick(p.message, language)}
              </li>
            ))}
          </ul>
          {report.problems.length > MAX_LISTED && <Text block>{t.moreProblems(report.problems.length - MAX_LISTED)}</Text>}
        </>
      )}
      {(report.notes ?? []).map((note, i) => (
        <Text block key={`note-${i}`}>
          {pick(note.message, language)}
          {note.rows && note.rows.length > 0 && ` (${note.rows.map((r) => rowOf(r, note.source)).join(", ")})`}
        </Text>
      ))}
    </>
  );
}

/** A number input that lets the user clear and retype without the value jumping back. */
function NumberOption({ value, disabled, onChange }: { value: number; disabled: boolean; onChange: (v: number) => void }) {
  const [text, setText] = React.useState(String(value));
  React.useEffect(() => setText(String(value)), [value]);
  return (
    <Input
      type="number"
      inputMode="decimal"
      step="any"
      value={text}
      disabled={disabled}
      onChange={(_, d) => {
        setText(d.value);
        const v = Number(d.value);
        if (d.value.trim() !== "" && Number.isFinite(v)) onChange(v);
      }}
    />
  );
}
