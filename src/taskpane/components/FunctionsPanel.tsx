/**
 * The Functions tab: the CXM catalog (from the generated functions metadata,
 * in the pane's language), searchable, each function with its one-line
 * description and an Insert button that puts a formula skeleton in the
 * active cell — asking first when that cell is not empty.
 */
import * as React from "react";
import { Body1Strong, Button, Caption1, makeStyles, MessageBar, MessageBarActions, MessageBarBody, SearchBox, Spinner, Text, tokens } from "@fluentui/react-components";
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
  const [notice, setNotice] = React.useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  /** A formula waiting for the user's answer: its cell is not empty. */
  const [question, setQuestion] = React.useState<{ formula: string; address: string; content: string } | null>(null);

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

  /** Inserts into the active cell; a cell that holds something is asked about first, never replaced unasked. */
  const put = async (formula: string, replace?: { expected: string }) => {
    setQuestion(null);
    try {
      const outcome = await host.insertFormula(formula, replace ? { replace } : {});
      if (outcome.status === "inserted") {
        setNotice({ intent: "success", text: t.inserted(formula, outcome.address) });
      } else {
        setNotice(null);
        setQuestion({ formula, address: outcome.address, content: outcome.content });
      }
    } catch (e) {
      setNotice({ intent: "error", text: t.excelFailed(errorText(e)) });
    }
  };
  const insert = (entry: CatalogEntry) => put(formulaSkeleton(entry));
  const keep = () => {
    if (question) setNotice({ intent: "info", text: t.replaceKept(question.address) });
    setQuestion(null);
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
      {question && (
        <MessageBar intent="warning" role="alertdialog" aria-label={t.replaceQuestion(question.address, question.content)}>
          <MessageBarBody className={styles.wrap}>{t.replaceQuestion(question.address, question.content)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => void put(question.formula, { expected: question.content })}>
              {t.replaceYes}
            </Button>
            <Button size="small" onClick={keep}>
              {t.replaceNo}
            </Button>
          </MessageBarActions>
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
