/**
 * Task pane entry. The page is also the shared runtime that hosts the custom
 * functions (functions.js is loaded before this bundle); this bundle is the
 * only one with React. It waits for Office, reads Office's display language,
 * and renders the pane with the real registry and the real Excel host.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { officeDisplayLanguage } from "../excel/workbook-actions";
import { templates } from "../templates/registry";
import { fetchCatalog } from "./catalog";
import { App } from "./components/App";
import { excelHost } from "./excel-host";
import { languageFor } from "./i18n";

function start(): void {
  const container = document.getElementById("app");
  if (!container) return;
  createRoot(container).render(
    <React.StrictMode>
      <App templates={templates} host={excelHost} loadCatalog={fetchCatalog} initialLanguage={languageFor(officeDisplayLanguage())} />
    </React.StrictMode>,
  );
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => start());
}
