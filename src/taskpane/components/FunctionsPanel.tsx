/**
 * The Functions tab: the CXM catalog (from the generated functions metadata,
 * in the pane's language), searchable, each function with its one-line
 * description and an Insert button that puts a formula skeleton in the
 * active cell.
 */
import * as React from "react";
import { Body1Strong, Button, Caption1, makeStyles, MessageBar, MessageBarBody, SearchBox, Spinner, Text, tokens } from "@fluentui/react-components";
import type { Language } from "../../templates/registry-types";
import { CatalogEntry, formulaSkeleton, NAMESPACE, searchCatalog } from "../catalog";
import type { ExcelHost } from "../host";
import type { Strings } from "../i18n";
import { errorText } from "./errors";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingBlock: tokens.spacingVerticalM },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  text: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  name: { fontFamily: tokens.fontFamilyMonospace },
  wrap: { overflowWrap: "anywhere" },
});

export interface FunctionsPanelProps {
  loadCatalog: (language: Language) => Promise<CatalogEntry[]>;
  host: ExcelHost;
  language: Language;
  strings: Strings;
}

type Catalog = { language: Language; entries: CatalogEntry[] } | { language: Language; error: string } | null;

export function FunctionsPanel({ loadCatalog, host, language, strings: t }: FunctionsPanelProps) {
  const styles = useStyles();
  const [catalog, setCatalog] = React.useState<Catalog>(null);
  const [query, setQuery] = React.useState("");
  const [notice, setNotice] = React.useState<{ intent: "success" | "error"; text: string } | null>(null);

  React.useEffect(() => {
    let live = true;
    loadCatalog(language).then(
      (entries) => live && setCatalog({ language, entries }),
      (e) => live && setCatalog({ language, error: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [loadCatalog, language]);

  const insert = async (entry: CatalogEntry) => {
    const formula = formulaSkeleton(entry);
    try {
      const address = await host.insertFormula(formula);
      setNotice({ intent: "success", text: t.inserted(formula, address) });
    } catch (e) {
      setNotice({ intent: "error", text: t.excelFailed(errorText(e)) });
    }
  };

  const entries = catalog && "entries" in catalog ? catalog.entries : [];
  const shown = React.useMemo(() => searchCatalog(entries, query), [entries, query]);

  return (
    <div className={styles.panel}>
      <SearchBox
        value={query}
        onChange={(_, d) => setQuery(d.value)}
        aria-label={t.searchLabel}
        placeholder={t.searchPlaceholder}
      />
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody className={styles.wrap}>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {catalog === null && <Spinner size="tiny" label={t.catalogLoading} />}
      {catalog && "error" in catalog && (
        <MessageBar intent="error">
          <MessageBarBody>{t.catalogFailed}</MessageBarBody>
        </MessageBar>
      )}
      {catalog && "entries" in catalog && (
        <>
          <Caption1 aria-live="polite">{shown.length === 0 ? t.noMatches : t.functionCount(shown.length)}</Caption1>
          <ul className={styles.list} aria-label={t.tabFunctions}>
            {shown.map((entry) => (
              <li key={entry.id} className={styles.item}>
                <div className={styles.text}>
                  <Body1Strong className={styles.name}>{`${NAMESPACE}.${entry.name}`}</Body1Strong>
                  <Text size={200}>{entry.description}</Text>
                </div>
                <Button size="small" onClick={() => void insert(entry)} aria-label={t.insertLabel(`${NAMESPACE}.${entry.name}`)}>
                  {t.insert}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
