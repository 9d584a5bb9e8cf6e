/**
 * How the pane read the source: the report of assumptions (each column's
 * decimal mark and date order and why, header rows skipped, cells that are
 * blank, "no answer" or unreadable) and the two settings that change them.
 * Rendered as React text, never as HTML.
 */
import * as React from "react";
import { Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n";
import type { ReadSettings } from "../typed-source";

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: "120px" },
});

export function AssumptionsReport({ lines, strings: t, label }: { lines: string[]; strings: Strings; label?: string }) {
  const styles = useStyles();
  if (lines.length === 0) return null;
  return (
    <div role="region" aria-label={label ?? t.readReportLabel}>
      <Caption1 block>{t.readReportHeading}</Caption1>
      <ul className={styles.list}>
        {lines.map((line, i) => (
          <li key={i}>
            <Caption1>{line.trim()}</Caption1>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReadSettingsFields({ settings, onChange, disabled, strings: t }: { settings: ReadSettings; onChange(s: ReadSettings): void; disabled: boolean; strings: Strings }) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field label={t.dateOrderLabel} className={styles.grow}>
        <Select value={settings.dateOrder} disabled={disabled} onChange={(_, d) => onChange({ ...settings, dateOrder: d.value as ReadSettings["dateOrder"] })}>
          <option value="auto">{t.fromValues}</option>
          <option value="dmy">{t.dayFirst}</option>
          <option value="mdy">{t.monthFirst}</option>
          <option value="ymd">{t.yearFirst}</option>
        </Select>
      </Field>
      <Field label={t.decimalLabel} className={styles.grow}>
        <Select value={settings.decimal} disabled={disabled} onChange={(_, d) => onChange({ ...settings, decimal: d.value as ReadSettings["decimal"] })}>
          <option value="auto">{t.fromValues}</option>
          <option value=",">{t.decimalComma}</option>
          <option value=".">{t.decimalPoint}</option>
        </Select>
      </Field>
    </div>
  );
}
