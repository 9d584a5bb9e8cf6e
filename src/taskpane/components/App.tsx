/**
 * The task pane: a header with the language switch, and two tabs
 * (Templates, Functions). Both tabs stay mounted so switching does not lose
 * the user's source, mapping or search. The pane receives the template
 * registry, the Excel host and the catalog loader as props, so tests can
 * pass fakes; src/taskpane/taskpane.tsx passes the real ones.
 */
import * as React from "react";
import { FluentProvider, makeStyles, Select, Tab, TabList, Title3, tokens, webLightTheme } from "@fluentui/react-components";
import type { Language, TemplateDescriptor } from "../../templates/registry-types";
import type { CatalogEntry } from "../catalog";
import type { ExcelHost } from "../host";
import { STRINGS } from "../i18n";
import { FunctionsPanel } from "./FunctionsPanel";
import { TemplatesPanel } from "./TemplatesPanel";

const useStyles = makeStyles({
  root: { minHeight: "100vh", boxSizing: "border-box", paddingInline: tokens.spacingHorizontalM, paddingBlock: tokens.spacingVerticalS },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  language: { width: "8.5em" },
});

export interface AppProps {
  templates: TemplateDescriptor[];
  host: ExcelHost;
  loadCatalog: (language: Language) => Promise<CatalogEntry[]>;
  initialLanguage: Language;
}

type TabId = "templates" | "functions";

export function App({ templates, host, loadCatalog, initialLanguage }: AppProps) {
  const styles = useStyles();
  const [language, setLanguage] = React.useState<Language>(initialLanguage);
  const [tab, setTab] = React.useState<TabId>("templates");
  const t = STRINGS[language];

  React.useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={language}>
      <header className={styles.header}>
        <Title3 as="h1">CXM</Title3>
        <Select
          className={styles.language}
          aria-label={t.languageLabel}
          value={language}
          size="small"
          onChange={(_, d) => setLanguage(d.value === "es" ? "es" : "en")}
        >
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </Select>
      </header>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label={t.tabsLabel}>
        <Tab value="templates" id="tab-templates" aria-controls="panel-templates">
          {t.tabTemplates}
        </Tab>
        <Tab value="functions" id="tab-functions" aria-controls="panel-functions">
          {t.tabFunctions}
        </Tab>
      </TabList>
      <main>
        <div role="tabpanel" id="panel-templates" aria-labelledby="tab-templates" hidden={tab !== "templates"}>
          <TemplatesPanel templates={templates} host={host} language={language} strings={t} />
        </div>
        <div role="tabpanel" id="panel-functions" aria-labelledby="tab-functions" hidden={tab !== "functions"}>
          <FunctionsPanel loadCatalog={loadCatalog} host={host} language={language} strings={t} />
        </div>
      </main>
    </FluentProvider>
  );
}
