/**
 * The mapping of a template column fed by several source columns (a
 * ColumnSpec with `multiple`: the survey's attribute ratings "Atención",
 * "Precio", "Rapidez"): one checkbox per source column, ticked for those the
 * automatic mapping proposed; a column already feeding another template
 * column cannot be ticked. Headers are rendered as React text, never as HTML.
 */
import * as React from "react";
import { Caption1, Checkbox, Label, makeStyles } from "@fluentui/react-components";
import { groupLabel } from "../../templates/column-mapping";
import type { ColumnSpec, GroupedColumn, Language } from "../../templates/registry-types";
import { pick, Strings } from "../i18n";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0, minWidth: 0 },
  list: { display: "flex", flexDirection: "column", maxHeight: "14em", overflowY: "auto", overflowWrap: "anywhere" },
});

export interface ColumnGroupFieldProps {
  column: ColumnSpec;
  /** The source's header texts, by column index. */
  headers: unknown[];
  /** The text a header shows (its own, or "Column F" when it is empty). */
  headerText: (index: number) => string;
  selected: GroupedColumn[];
  /** Source columns mapped to single template columns. */
  used: Set<number>;
  disabled: boolean;
  language: Language;
  strings: Strings;
  onChange: (next: GroupedColumn[]) => void;
}

export function ColumnGroupField({ column, headers, headerText, selected, used, disabled, language, strings: t, onChange }: ColumnGroupFieldProps) {
  const styles = useStyles();
  const id = React.useId();
  const label = pick(column.label, language);
  const toggle = (index: number, on: boolean) => {
    const rest = selected.filter((g) => g.index !== index);
    const next = on ? [...rest, { index, label: groupLabel(column, headers[index]) || headerText(index) }] : rest;
    onChange(next.sort((a, b) => a.index - b.index));
  };
  return (
    <fieldset className={styles.group} aria-describedby={`${id}-hint`}>
      <legend>
        <Label>{`${label} (${t.optionalSuffix})`}</Label>
      </legend>
      <Caption1 id={`${id}-hint`}>
        {t.groupHint} {t.groupChosen(selected.length)}
      </Caption1>
      <div className={styles.list}>
        {headers.map((_, i) => (
          <Checkbox
            key={i}
            label={headerText(i)}
            checked={selected.some((g) => g.index === i)}
            disabled={disabled || (used.has(i) && !selected.some((g) => g.index === i))}
            onChange={(_, d) => toggle(i, d.checked === true)}
          />
        ))}
      </div>
    </fieldset>
  );
}
